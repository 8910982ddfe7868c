package io.mendian.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.mendian.platform.miniapp.SecretBox;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * Refuses to start in the {@code prod} profile while any secret still has its development value, naming every one
 * at once. With the database's, Keycloak's or the secrets key's development value anyone who read this repository
 * could log in or unseal tokens; with the sandbox's WeChat credentials anyone could forge signed WeChat pushes; and
 * the sandbox itself would let anyone play WeChat. The demo and the tests run the same jar in the {@code dev} or
 * {@code test} profile, where the defaults are the point.
 */
@ApplicationScoped
public class ProductionGuard {

    /** The sandbox's published message key (43 characters of base64). */
    public static final String SANDBOX_AES_KEY = "c2FuZGJveC1rZXktZm9yLW1lbmRpYW4tb3Blbi1wbGE";

    /** The start of the development consumer-token signing key (application.properties); enough to recognise it. */
    static final String DEV_CONSUMER_KEY_PREFIX =
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDd60HML5yj0j5Ix59Io11C01W1EHZqfFIjrpPXHN1lV/xf";

    /** The start of the development WeChat Pay merchant key (application.properties). */
    static final String DEV_PAY_KEY_PREFIX =
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDTpKCQc5ZEuUQtKg2Kwv81KD+GTrR9Fo2FF8jpflWIUGre";

    /** The ids of the development PII keys (application.properties); a keyset holding either is a development one. */
    static final String DEV_PII_AEAD_KEY_ID = "1399859570";

    static final String DEV_PII_INDEX_KEY_ID = "3087841343";

    /** Property, the environment variable that sets it, and what makes its value a development one. */
    private record Rule(String property, String variable, Predicate<String> development) {}

    private static final List<Rule> RULES = List.of(
            new Rule("quarkus.datasource.password", "MENDIAN_DB_PASSWORD", v -> v.isBlank() || "postgres".equals(v)),
            new Rule(
                    "mendian.keycloak.provisioner-secret",
                    "MENDIAN_PROVISIONER_SECRET",
                    v -> v.isBlank() || v.startsWith("dev-")),
            new Rule("mendian.secrets.key", "MENDIAN_SECRETS_KEY", v -> v.isBlank() || SecretBox.DEV_KEY.equals(v)),
            new Rule(
                    "mendian.wechat.component.secret",
                    "MENDIAN_WECHAT_COMPONENT_SECRET",
                    v -> v.isBlank() || v.startsWith("sandbox-")),
            new Rule(
                    "mendian.wechat.component.token",
                    "MENDIAN_WECHAT_COMPONENT_TOKEN",
                    v -> v.isBlank() || v.startsWith("sandbox-")),
            new Rule(
                    "mendian.wechat.component.encoding-aes-key",
                    "MENDIAN_WECHAT_COMPONENT_AES_KEY",
                    v -> v.isBlank() || SANDBOX_AES_KEY.equals(v)),
            new Rule(
                    "mendian.consumer-token.private-key",
                    "MENDIAN_CONSUMER_TOKEN_PRIVATE_KEY (and its MENDIAN_CONSUMER_TOKEN_PUBLIC_KEY)",
                    v -> v.isBlank() || v.replaceAll("\\s", "").startsWith(DEV_CONSUMER_KEY_PREFIX)),
            new Rule(
                    "mendian.pay.merchant-private-key",
                    "MENDIAN_PAY_MERCHANT_PRIVATE_KEY (with MENDIAN_PAY_MERCHANT_SERIAL, MENDIAN_PAY_SP_MCHID and the "
                            + "WeChat Pay public key)",
                    v -> v.isBlank() || v.replaceAll("\\s", "").startsWith(DEV_PAY_KEY_PREFIX)),
            new Rule(
                    "mendian.pay.api-v3-key",
                    "MENDIAN_PAY_API_V3_KEY",
                    v -> v.length() != 32 || v.startsWith("sandbox-")),
            new Rule(
                    "mendian.pii.aead-keyset",
                    "MENDIAN_PII_AEAD_KEYSET",
                    v -> v.isBlank() || v.contains(DEV_PII_AEAD_KEY_ID)),
            new Rule(
                    "mendian.pii.index-keyset",
                    "MENDIAN_PII_INDEX_KEYSET",
                    v -> v.isBlank() || v.contains(DEV_PII_INDEX_KEY_ID)),
            new Rule(
                    "mendian.wechat.sandbox.enabled",
                    "MENDIAN_WECHAT_SANDBOX (must be false)",
                    "true"::equalsIgnoreCase));

    private static final Map<String, String> DEFAULTS = Map.of(
            "mendian.secrets.key",
            SecretBox.DEV_KEY,
            "mendian.wechat.component.secret",
            "sandbox-component-secret",
            "mendian.wechat.component.token",
            "sandbox-token",
            "mendian.wechat.component.encoding-aes-key",
            SANDBOX_AES_KEY,
            "mendian.wechat.sandbox.enabled",
            "false");

    private final Config config;

    public ProductionGuard(Config config) {
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        if (!config.unwrap(SmallRyeConfig.class).getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "refusing to start in production with development values; set " + String.join(", ", problems));
        }
    }

    /** The environment variables whose values are still development ones. */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        for (Rule rule : RULES) {
            String value = config.getOptionalValue(rule.property(), String.class)
                    .orElse(DEFAULTS.getOrDefault(rule.property(), ""));
            if (rule.development().test(value.strip())) {
                problems.add(rule.variable());
            }
        }
        return problems;
    }
}
