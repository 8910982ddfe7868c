package io.mendian.testsupport;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.mendian.identity.Grant;
import io.mendian.identity.StaffAccounts;
import io.mendian.tenancy.TenantId;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Fixtures that build brands through the public signup API, the way a real brand gets one. */
public final class Brands {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000, 36);

    private Brands() {}

    /** A provisioned, active brand and its first admin's credentials. */
    public record Brand(String slug, String appid, String adminEmail, String adminPassword) {
        public String adminToken() {
            return Keycloak.tokenFor(adminEmail, adminPassword);
        }

        public TenantId tenant() {
            return new TenantId(slug);
        }
    }

    public static String freshSlug(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    public static Map<String, Object> signupBody(String slug) {
        return signupBody(slug, "pro");
    }

    public static Map<String, Object> signupBody(String slug, String plan) {
        return Map.of(
                "brandName",
                "Brand " + slug,
                "slug",
                slug,
                "adminEmail",
                "owner@" + slug + ".example",
                "industry",
                "cafe",
                "plan",
                plan);
    }

    public static Response submit(Map<String, Object> body, String key) {
        var request = given().contentType(ContentType.JSON).body(body);
        return (key == null ? request : request.header("Idempotency-Key", key)).post("/api/signup");
    }

    public static Brand anActiveBrand(String prefix) {
        return anActiveBrand(prefix, "pro");
    }

    /** A brand on the given plan from tenant-provisioning/plans.yaml. */
    public static Brand anActiveBrand(String prefix, String plan) {
        return anActiveBrand(prefix, plan, "cafe");
    }

    /** A brand started from one of the industry templates (cafe, bakery, retail, beauty). */
    public static Brand anActiveBrand(String prefix, String plan, String industry) {
        String slug = freshSlug(prefix);
        Map<String, Object> body = new java.util.HashMap<>(signupBody(slug, plan));
        body.put("industry", industry);
        String job = submit(body, "signup-" + UUID.randomUUID())
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Response done = awaitJob(job, "SUCCEEDED");
        return new Brand(
                slug, done.path("result.appid"), (String) body.get("adminEmail"), done.path("result.initialPassword"));
    }

    /** Polls the job until it reaches the state; fails on any other terminal state. */
    public static Response awaitJob(String job, String state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Response response = given().get("/api/signup/" + job);
            String status = response.path("status");
            if (state.equals(status)) {
                return response;
            }
            if ("FAILED".equals(status) || "SUCCEEDED".equals(status)) {
                throw new AssertionError("job " + job + " ended " + status + ": " + response.asString());
            }
            sleep(200);
        }
        throw new AssertionError("job " + job + " did not reach " + state + ": "
                + given().get("/api/signup/" + job).asString());
    }

    /** A staff account with the given grants in the brand: its token. */
    public static String aStaffMember(StaffAccounts accounts, Brand brand, String name, List<Grant> grants) {
        Login login = aStaffLogin(accounts, brand, name, grants);
        return Keycloak.tokenFor(login.email(), login.password());
    }

    /** The e-mail and password a person types on the sign-in page. */
    public record Login(String email, String password) {}

    /** A staff account with the given grants in the brand, to sign in with in a browser. */
    public static Login aStaffLogin(StaffAccounts accounts, Brand brand, String name, List<Grant> grants) {
        String email = name + "@" + brand.slug() + ".example";
        String userId = accounts.ensureUser(email, name);
        accounts.addGrants(userId, grants);
        accounts.ensureMember(accounts.findOrganization(brand.tenant()).orElseThrow(), userId);
        return new Login(email, accounts.resetPassword(userId, false));
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
