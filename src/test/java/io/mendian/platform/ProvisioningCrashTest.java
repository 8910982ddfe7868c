package io.mendian.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.mendian.identity.StaffAccounts;
import io.mendian.platform.signup.Faults;
import io.mendian.platform.signup.ProvisioningStep;
import io.mendian.tenancy.TenantId;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A worker dying between any two steps (after a step's work, before its completion is recorded) must be resumed
 * by recovery with nothing created twice. The dying worker leaves its lease behind exactly as a killed JVM would;
 * the test only fast-forwards the lease's expiry. The kill -9 variant against the packaged jar is KillNineIT.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class ProvisioningCrashTest {

    @Inject
    Faults faults;

    @Inject
    StaffAccounts accounts;

    @ParameterizedTest
    @EnumSource(ProvisioningStep.class)
    void aCrashAfterAnyStepIsResumedWithoutDuplicates(ProvisioningStep step) throws Exception {
        String slug = Brands.freshSlug("crash");
        faults.arm("after:" + step);
        String job = Brands.submit(Brands.signupBody(slug), "k-" + UUID.randomUUID())
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        awaitTripped("after:" + step);
        given().get("/api/signup/" + job).then().body("status", equalTo("RUNNING"));
        expireLease(job);

        var done = Brands.awaitJob(job, "SUCCEEDED");
        List<Integer> attempts = done.path("steps.attempts");
        assertEquals(2, attempts.get(step.ordinal()), "the interrupted step ran again");
        assertEquals(1, count("select count(*) from platform.tenant where id = '" + slug + "'"));
        assertEquals(
                1,
                count("select count(*) from information_schema.schemata where schema_name = '"
                        + new TenantId(slug).schema() + "'"));
        assertEquals(1, count("select count(*) from platform.mini_app where tenant_id = '" + slug + "'"));
        assertEquals(1, count("select count(*) from platform.subscription where tenant_id = '" + slug + "'"));
        assertEquals(1, count("select count(*) from " + new TenantId(slug).schema() + ".region where code = 'HQ'"));
        assertEquals(1, organizationsWithAlias(slug));
        accounts.findUser("owner@" + slug + ".example").orElseThrow();
        // The admin can log in with the password the job reports.
        io.mendian.testsupport.Keycloak.tokenFor("owner@" + slug + ".example", done.path("result.initialPassword"));
    }

    @Inject
    io.mendian.platform.signup.AbandonedSignups abandoned;

    @Test
    void aFailedSignupLeftAloneGivesItsSlugBackWithNothingLeftBehind() throws Exception {
        String slug = Brands.freshSlug("released");
        faults.armFailure("before:" + ProvisioningStep.APPLY_TEMPLATE);
        String job = Brands.submit(Brands.signupBody(slug), "k-" + UUID.randomUUID())
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        awaitStatus(job, "FAILED");
        assertEquals(1, organizationsWithAlias(slug));
        Brands.submit(Brands.signupBody(slug), "k-" + UUID.randomUUID()).then().statusCode(409);

        // A day later, nobody retried it: the sweep removes its traces and the slug is free.
        try (Connection c = InfraTestResource.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            st.executeUpdate(
                    "update platform.signup_job set updated_at = now() - interval '2 days' where id = '" + job + "'");
        }
        assertTrue(abandoned.sweep(java.time.Instant.now()) >= 1);
        given().get("/api/signup/" + job).then().body("status", equalTo("ABANDONED"));
        given().post("/api/signup/" + job + "/retry").then().statusCode(409);
        assertEquals(0, organizationsWithAlias(slug));
        assertEquals(
                0,
                count("select count(*) from information_schema.schemata where schema_name = '"
                        + new TenantId(slug).schema() + "'"));
        assertEquals(0, count("select count(*) from platform.tenant where id = '" + slug + "'"));
        assertTrue(accounts.findUser("owner@" + slug + ".example").isEmpty(), "the admin account it created is gone");

        Map<String, Object> again = new java.util.HashMap<>(Brands.signupBody(slug));
        again.put("adminEmail", "someone-else@" + slug + ".example");
        String second = Brands.submit(again, "k-" + UUID.randomUUID())
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Brands.awaitJob(second, "SUCCEEDED");
    }

    @Test
    void aFailedStepShowsWhyAndCanBeRetried() throws Exception {
        String slug = Brands.freshSlug("retry");
        faults.armFailure("before:" + ProvisioningStep.CREATE_ORGANIZATION);
        String job = Brands.submit(Brands.signupBody(slug), "k-" + UUID.randomUUID())
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        awaitStatus(job, "FAILED");
        given().get("/api/signup/" + job)
                .then()
                .body("error", containsString("CREATE_ORGANIZATION"))
                .body("steps.find { it.step == 'CREATE_ORGANIZATION' }.state", equalTo("FAILED"))
                // Anonymous readers get a reference into the log, never the failure's own text (it may quote Keycloak).
                .body("steps.find { it.step == 'CREATE_ORGANIZATION' }.error", containsString("reference"))
                .body("steps.find { it.step == 'CREATE_ORGANIZATION' }.error", not(containsString("injected")));
        given().post("/api/signup/" + job + "/retry").then().statusCode(202);
        Brands.awaitJob(job, "SUCCEEDED");
        assertEquals(1, organizationsWithAlias(slug));
        given().post("/api/signup/" + job + "/retry")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/not-retryable"));
    }

    private void awaitTripped(String point) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!faults.tripped(point)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("crash point " + point + " never reached");
            }
            Thread.sleep(50);
        }
    }

    private static void awaitStatus(String job, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!status.equals(given().get("/api/signup/" + job).path("status"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job never reached " + status);
            }
            Thread.sleep(100);
        }
    }

    private static void expireLease(String job) throws SQLException {
        try (Connection c = InfraTestResource.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            st.executeUpdate("update platform.signup_job set lease_until = now() - interval '1 second' where id = '"
                    + UUID.fromString(job) + "'");
        }
    }

    static long count(String sql) throws SQLException {
        try (Connection c = InfraTestResource.infra().dataSource().getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long organizationsWithAlias(String slug) {
        String admin = given().baseUri(io.mendian.testsupport.Keycloak.url())
                .formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", "admin")
                .post("/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        List<Map<String, Object>> orgs = given().baseUri(io.mendian.testsupport.Keycloak.url())
                .auth()
                .oauth2(admin)
                .queryParam("search", slug)
                .get("/admin/realms/mendian/organizations")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        return orgs.stream().filter(o -> slug.equals(o.get("alias"))).count();
    }
}
