package io.mendian.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mendian.devrun.LocalStack;

/** The packaged jar in the prod profile, as a deployment runs it: development values are refused, debugging aids are off. */
class ProductionProfileIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void infrastructure() {
        stack = new LocalStack();
        stack.startInfrastructure(0);
    }

    @AfterEach
    void stopApp() throws InterruptedException {
        stack.stopApp();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void productionRefusesToStartWithDevelopmentSecretsAndNamesEachOne() throws Exception {
        stack.startApp(0, "prod-refused.log", false, "quarkus.profile=prod");
        assertNotEquals(0, stack.awaitAppExit(Duration.ofSeconds(180)), "the app must not keep running");
        String log = Files.readString(Path.of("target/prod-refused.log"));
        for (String variable : new String[] {
            "MENDIAN_DB_PASSWORD",
            "MENDIAN_PROVISIONER_SECRET",
            "MENDIAN_SECRETS_KEY",
            "MENDIAN_WECHAT_COMPONENT_SECRET",
            "MENDIAN_WECHAT_COMPONENT_TOKEN",
            "MENDIAN_WECHAT_COMPONENT_AES_KEY",
            "MENDIAN_CONSUMER_TOKEN_PRIVATE_KEY",
            "MENDIAN_PAY_MERCHANT_PRIVATE_KEY",
            "MENDIAN_PAY_API_V3_KEY",
            "MENDIAN_PII_AEAD_KEYSET",
            "MENDIAN_PII_INDEX_KEYSET"
        }) {
            assertTrue(log.contains(variable), variable + " named in the refusal");
        }
    }

    @Test
    void productionWithRealSecretsHidesSwaggerTheSandboxAndMigrationDetail() throws Exception {
        stack.startApp(0, "prod-ok.log", productionSettings());
        HttpResponse<String> ready = get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        // Only the extensions' own checks carry data (PONG, pool state); the migrations check names no brand or error.
        for (String detail : new String[] {"quarantined", "tenants", "migrated", "platformVersion", "error"}) {
            assertFalse(
                    ready.body().contains(detail), "anonymous readiness carries no " + detail + ": " + ready.body());
        }
        assertEquals(404, get("/q/swagger-ui/").statusCode(), "Swagger UI is off in production unless configured on");
        // Production logs one JSON object per line, with the request id and tenant from the logging context.
        List<String> json = Files.readAllLines(Path.of("target/prod-ok.log")).stream()
                .filter(line -> line.startsWith("{") && line.contains("\"message\""))
                .toList();
        assertFalse(json.isEmpty(), "JSON log lines in production");
        HttpResponse<String> sandbox = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.api() + "/sandbox/wechat/open/test/tickets"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, sandbox.statusCode(), "no sandbox in production");
    }

    @Test
    void migrateOnlyRunsTheMigrationsAndExitsAsTheChartsUpgradeJobExpects() throws Exception {
        String[] production = productionSettings();
        String[] settings = java.util.Arrays.copyOf(production, production.length + 1);
        settings[production.length] = "mendian.migrate-only=true";
        stack.startApp(0, "prod-migrate-only.log", false, settings);
        assertEquals(0, stack.awaitAppExit(Duration.ofSeconds(180)), "the Job succeeds");
        String log = Files.readString(Path.of("target/prod-migrate-only.log"));
        assertTrue(log.contains("migrations done"), log);
        assertTrue(log.contains("migrate-only run finished; exiting with 0"), log);
    }

    /** What a production deployment sets: real-looking secrets for everything the production guard checks. */
    private static String[] productionSettings() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        var consumerKeys = java.security.KeyPairGenerator.getInstance("RSA");
        consumerKeys.initialize(2048);
        var pair = consumerKeys.generateKeyPair();
        return new String[] {
            "quarkus.profile=prod",
            "quarkus.datasource.password=prod-db-password",
            "mendian.keycloak.provisioner-secret=prod-provisioner-secret",
            "mendian.secrets.key=" + Base64.getEncoder().encodeToString(key),
            "mendian.wechat.component.secret=prod-component-secret",
            "mendian.wechat.component.token=prod-token",
            "mendian.wechat.component.encoding-aes-key=" + "p".repeat(43),
            "mendian.consumer-token.private-key="
                    + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
            "mendian.consumer-token.public-key="
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
            "mendian.pay.merchant-private-key="
                    + Base64.getEncoder()
                            .encodeToString(
                                    consumerKeys.generateKeyPair().getPrivate().getEncoded()),
            "mendian.pay.api-v3-key=" + "k".repeat(32),
            "mendian.pii.aead-keyset=" + io.mendian.testsupport.PiiKeysets.aead(),
            "mendian.pii.index-keyset=" + io.mendian.testsupport.PiiKeysets.index()
        };
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.api() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
