package io.mendian.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Production names every secret that still has its development value, whether or not WeChat is configured. */
class ProductionGuardTest {

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
    }

    private static Map<String, String> production() {
        Map<String, String> values = new HashMap<>();
        values.put("quarkus.datasource.password", "s3cret-db");
        values.put("mendian.keycloak.provisioner-secret", "4c1f0a…real");
        values.put("mendian.secrets.key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        values.put("mendian.wechat.component.secret", "real-secret");
        values.put("mendian.wechat.component.token", "real-token");
        values.put("mendian.wechat.component.encoding-aes-key", "x".repeat(43));
        values.put("mendian.wechat.sandbox.enabled", "false");
        values.put(
                "mendian.consumer-token.private-key",
                "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCproductionkey");
        values.put(
                "mendian.pay.merchant-private-key", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCproductionpay");
        values.put("mendian.pay.api-v3-key", "p".repeat(32));
        values.put("mendian.pii.aead-keyset", "{\"primaryKeyId\":42}");
        values.put("mendian.pii.index-keyset", "{\"primaryKeyId\":43}");
        return values;
    }

    @Test
    void everyDevelopmentDefaultIsNamedEvenWithoutRealWeChat() {
        Map<String, String> dev = new HashMap<>();
        dev.put("quarkus.datasource.password", "postgres");
        dev.put("mendian.keycloak.provisioner-secret", "dev-provisioner-secret");
        assertEquals(
                List.of(
                        "MENDIAN_DB_PASSWORD",
                        "MENDIAN_PROVISIONER_SECRET",
                        "MENDIAN_SECRETS_KEY",
                        "MENDIAN_WECHAT_COMPONENT_SECRET",
                        "MENDIAN_WECHAT_COMPONENT_TOKEN",
                        "MENDIAN_WECHAT_COMPONENT_AES_KEY",
                        "MENDIAN_CONSUMER_TOKEN_PRIVATE_KEY (and its MENDIAN_CONSUMER_TOKEN_PUBLIC_KEY)",
                        "MENDIAN_PAY_MERCHANT_PRIVATE_KEY (with MENDIAN_PAY_MERCHANT_SERIAL, MENDIAN_PAY_SP_MCHID and the WeChat Pay public key)",
                        "MENDIAN_PAY_API_V3_KEY",
                        "MENDIAN_PII_AEAD_KEYSET",
                        "MENDIAN_PII_INDEX_KEYSET"),
                ProductionGuard.problems(config(dev)));
    }

    @Test
    void theDevelopmentConsumerTokenKeyIsRefused() {
        Map<String, String> values = production();
        values.put("mendian.consumer-token.private-key", ProductionGuard.DEV_CONSUMER_KEY_PREFIX + "rest-of-the-key");
        assertEquals(
                List.of("MENDIAN_CONSUMER_TOKEN_PRIVATE_KEY (and its MENDIAN_CONSUMER_TOKEN_PUBLIC_KEY)"),
                ProductionGuard.problems(config(values)));
    }

    @Test
    void theSandboxsWeChatPayMerchantKeyIsRefused() {
        Map<String, String> values = production();
        values.put("mendian.pay.merchant-private-key", ProductionGuard.DEV_PAY_KEY_PREFIX + "rest");
        values.put("mendian.pay.api-v3-key", "sandbox-apiv3-key-0123456789abcd");
        assertEquals(
                List.of(
                        "MENDIAN_PAY_MERCHANT_PRIVATE_KEY (with MENDIAN_PAY_MERCHANT_SERIAL, MENDIAN_PAY_SP_MCHID and the WeChat Pay public key)",
                        "MENDIAN_PAY_API_V3_KEY"),
                ProductionGuard.problems(config(values)));
    }

    @Test
    void theDevelopmentPiiKeysAreRefused() {
        Map<String, String> values = production();
        values.put("mendian.pii.aead-keyset", "{\"primaryKeyId\":" + ProductionGuard.DEV_PII_AEAD_KEY_ID + "}");
        values.put("mendian.pii.index-keyset", "{\"primaryKeyId\":" + ProductionGuard.DEV_PII_INDEX_KEY_ID + "}");
        assertEquals(
                List.of("MENDIAN_PII_AEAD_KEYSET", "MENDIAN_PII_INDEX_KEYSET"),
                ProductionGuard.problems(config(values)));
    }

    @Test
    void theSandboxCannotBeSwitchedOnInProduction() {
        Map<String, String> values = production();
        values.put("mendian.wechat.sandbox.enabled", "true");
        assertEquals(List.of("MENDIAN_WECHAT_SANDBOX (must be false)"), ProductionGuard.problems(config(values)));
    }

    @Test
    void realSecretsPass() {
        assertEquals(List.of(), ProductionGuard.problems(config(production())));
    }
}
