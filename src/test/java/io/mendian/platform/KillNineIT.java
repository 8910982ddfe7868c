package io.mendian.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.devrun.LocalStack;

/**
 * The packaged application is killed (JVM halt, no shutdown hooks, exactly like kill -9) in the middle of work that
 * must not be lost or done twice: a signup, killed twice at different steps, ends with one schema, one Keycloak
 * organization and one admin; an invoice run killed after its first brand and run again bills every brand once.
 */
class KillNineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[] FAST_RECOVERY = {
        "mendian.faults.enabled=true",
        "mendian.signup.lease=3S",
        "mendian.signup.recovery-interval=1s",
        "mendian.signup.expose-temporary-password=true",
        // Only the runs this test starts: the billing crons must not fire (or trip the halt point) mid-test.
        "mendian.billing.invoice-cron=0 0 0 1 1 ? 2099",
        "mendian.billing.daily-cron=0 0 0 1 1 ? 2099"
    };
    private static LocalStack stack;

    @BeforeAll
    static void infrastructure() {
        stack = new LocalStack();
        stack.startInfrastructure(0);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aSignupSurvivesTheAppBeingKilledTwiceMidway() throws Exception {
        stack.startApp(0, "kill-it-1.log", with("mendian.faults.halt-at=after:CREATE_ORGANIZATION"));
        String slug = "killed-" + UUID.randomUUID().toString().substring(0, 6);
        String body = JSON.writeValueAsString(java.util.Map.of(
                "brandName",
                "Killed Twice",
                "slug",
                slug,
                "adminEmail",
                "owner@" + slug + ".example",
                "industry",
                "bakery",
                "plan",
                "basic"));
        HttpResponse<String> accepted = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.api() + "/api/signup"))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "kill-" + slug)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        String job = JSON.readTree(accepted.body()).path("id").asText();
        assertEquals(137, stack.awaitAppExit(Duration.ofSeconds(60)), "halted after CREATE_ORGANIZATION");

        stack.startApp(0, "kill-it-2.log", false, with("mendian.faults.halt-at=after:APPLY_TEMPLATE"));
        assertEquals(
                137, stack.awaitAppExit(Duration.ofSeconds(120)), "halted after APPLY_TEMPLATE on the resumed run");

        stack.startApp(0, "kill-it-3.log", FAST_RECOVERY);
        JsonNode done = await(job);
        assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
        assertEquals(
                2,
                done.path("steps").get(3).path("attempts").asInt(),
                "CREATE_ORGANIZATION ran again after the first kill");
        assertEquals(
                2,
                done.path("steps").get(5).path("attempts").asInt(),
                "APPLY_TEMPLATE ran again after the second kill");
        try (Connection c = stack.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            assertEquals(
                    1,
                    count(
                            st,
                            "select count(*) from information_schema.schemata where schema_name = 't_"
                                    + slug.replace('-', '_') + "'"));
            assertEquals(
                    1, count(st, "select count(*) from t_" + slug.replace('-', '_') + ".region where code = 'HQ'"));
            assertEquals(
                    1,
                    count(st, "select count(*) from platform.tenant where id = '" + slug + "' and status = 'ACTIVE'"));
        }
        assertEquals(1, keycloakCount("/admin/realms/mendian/organizations?search=" + slug, "alias", slug));
        assertEquals(
                1,
                keycloakCount(
                        "/admin/realms/mendian/users?username=owner@" + slug + ".example",
                        "username",
                        "owner@" + slug + ".example"));
    }

    @Test
    void anInvoiceRunKilledAfterItsFirstBrandAndRunAgainBillsEveryBrandOnce() throws Exception {
        stack.startApp(0, "kill-it-billing-1.log", FAST_RECOVERY);
        java.util.List<String> slugs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String slug = "billed-" + UUID.randomUUID().toString().substring(0, 6);
            String body = JSON.writeValueAsString(java.util.Map.of(
                    "brandName",
                    "Billed " + i,
                    "slug",
                    slug,
                    "adminEmail",
                    "owner@" + slug + ".example",
                    "industry",
                    "cafe",
                    "plan",
                    "basic"));
            HttpResponse<String> accepted = HTTP.send(
                    HttpRequest.newBuilder(URI.create(stack.api() + "/api/signup"))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", "kill-" + slug)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(
                    "SUCCEEDED",
                    await(JSON.readTree(accepted.body()).path("id").asText())
                            .path("status")
                            .asText());
            slugs.add(slug);
        }
        String in = "('" + String.join("', '", slugs) + "')";
        try (Connection c = stack.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            // Their trials ended yesterday: the run activates each one with its first invoice.
            st.executeUpdate(
                    "update platform.subscription set trial_ends_at = now() - interval '1 day' where tenant_id in "
                            + in);
        }
        stack.stopApp();

        stack.startApp(0, "kill-it-billing-2.log", with("mendian.faults.halt-at=invoice-run.after-brand"));
        String period =
                java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        try {
            runInvoices(period);
        } catch (java.io.IOException expected) {
            // the JVM halted mid-request
        }
        assertEquals(137, stack.awaitAppExit(Duration.ofSeconds(60)), "halted after the first brand");
        try (Connection c = stack.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            assertEquals(
                    1,
                    count(
                            st,
                            "select count(*) from platform.invoice where tenant_id in " + in + " and period = '"
                                    + period + "'"));
        }

        stack.startApp(0, "kill-it-billing-3.log", FAST_RECOVERY);
        JsonNode result = runInvoices(period);
        assertEquals(2, result.path("activated").asInt(), result.toString());
        runInvoices(period);
        try (Connection c = stack.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            for (String slug : slugs) {
                assertEquals(
                        1,
                        count(
                                st,
                                "select count(*) from platform.invoice where tenant_id = '" + slug + "' and period = '"
                                        + period + "'"),
                        slug);
                assertEquals(
                        1,
                        count(
                                st,
                                "select count(*) from platform.subscription where tenant_id = '" + slug
                                        + "' and status = 'ACTIVE'"),
                        slug);
            }
            assertEquals(3, count(st, "select runs from platform.invoice_run where period = '" + period + "'"));
        }
        // The other test kills apps at chosen points: a healthy app left running would finish their work for them.
        stack.stopApp();
    }

    private static JsonNode runInvoices(String period) throws Exception {
        String token = stack.token("operator", "operator");
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.api() + "/api/platform/billing/invoice-runs"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"period\":\"" + period + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String[] with(String extra) {
        String[] all = java.util.Arrays.copyOf(FAST_RECOVERY, FAST_RECOVERY.length + 1);
        all[FAST_RECOVERY.length] = extra;
        return all;
    }

    private static JsonNode await(String job) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        JsonNode state = null;
        while (Instant.now().isBefore(deadline)) {
            state = JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(URI.create(stack.api() + "/api/signup/" + job))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            if ("SUCCEEDED".equals(state.path("status").asText())
                    || "FAILED".equals(state.path("status").asText())) {
                return state;
            }
            Thread.sleep(250);
        }
        return state;
    }

    private static long count(java.sql.Statement st, String sql) throws Exception {
        try (var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long keycloakCount(String path, String field, String value) throws Exception {
        String kc = stack.infra().keycloakUrl();
        String token = JSON.readTree(HTTP.send(
                                HttpRequest.newBuilder(URI.create(kc + "/realms/master/protocol/openid-connect/token"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("access_token")
                .asText();
        JsonNode list = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(kc + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        long n = 0;
        for (JsonNode item : list) {
            if (value.equals(item.path(field).asText())) {
                n++;
            }
        }
        return n;
    }
}
