package io.mendian.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Keycloak;
import io.mendian.testsupport.Mailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Identity is taken by consent only: no brand attaches, edits or disables an account that is not theirs. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class StaffConsentTest {

    @Inject
    StaffAccounts accounts;

    private static Response invite(String token, String email, String role, String scope) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("email", email, "grants", List.of(Map.of("role", role, "scope", scope))))
                .post("/api/hq/staff");
    }

    private static String everyBrand(Brand brand) {
        return Keycloak.tokenFor(brand.adminEmail(), brand.adminPassword(), "openid organization:*");
    }

    @Test
    void invitingAnotherBrandsAccountOnlySendsAnInvitationThatItsOwnerAccepts() {
        Brand a = Brands.anActiveBrand("consent-a");
        Brand b = Brands.anActiveBrand("consent-b");
        String victimId = accounts.findUser(a.adminEmail()).orElseThrow();

        Response invited = invite(b.adminToken(), a.adminEmail(), "hq_staff", "all");
        invited.then()
                .statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("brand", equalTo(b.slug()))
                .body("userId", nullValue())
                .body("name", nullValue());
        assertFalse(invited.asString().contains(victimId), "the response names no account");
        String invitation = invited.path("id");

        // Nothing changed for the account yet.
        given().auth()
                .oauth2(everyBrand(a))
                .header("X-Tenant", b.slug())
                .get("/api/hq/stores")
                .then()
                .statusCode(403);
        assertTrue(Mailbox.await(a.adminEmail(), b.slug()).contains("/api/me/invitations/" + invitation + "/accept"));
        given().auth()
                .oauth2(b.adminToken())
                .get("/api/hq/staff/invitations")
                .then()
                .statusCode(200)
                .body("id", hasItem(invitation));

        // Nobody else can see or accept it; B cannot act on the account either.
        given().auth()
                .oauth2(b.adminToken())
                .get("/api/me/invitations")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(invitation)));
        given().auth()
                .oauth2(b.adminToken())
                .post("/api/me/invitations/" + invitation + "/accept")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(b.adminToken())
                .post("/api/hq/staff/" + victimId + "/disable")
                .then()
                .statusCode(404);

        given().auth()
                .oauth2(a.adminToken())
                .get("/api/me/invitations")
                .then()
                .statusCode(200)
                .body("id", hasItem(invitation));
        given().auth()
                .oauth2(a.adminToken())
                .post("/api/me/invitations/" + invitation + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        given().auth()
                .oauth2(a.adminToken())
                .post("/api/me/invitations/" + invitation + "/accept")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(everyBrand(a))
                .header("X-Tenant", b.slug())
                .get("/api/hq/stores")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(b.adminToken())
                .get("/api/hq/staff/audit")
                .then()
                .statusCode(200)
                .body("items.action", hasItem("staff.invitation.accept"));
    }

    @Test
    void aDeclinedOrWithdrawnInvitationChangesNothing() {
        Brand a = Brands.anActiveBrand("consent-d");
        Brand b = Brands.anActiveBrand("consent-e");
        String declined = invite(b.adminToken(), a.adminEmail(), "hq_staff", "all")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        given().auth()
                .oauth2(a.adminToken())
                .post("/api/me/invitations/" + declined + "/decline")
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"));
        String withdrawn = invite(b.adminToken(), a.adminEmail(), "hq_staff", "all")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        given().auth()
                .oauth2(b.adminToken())
                .delete("/api/hq/staff/invitations/" + withdrawn)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(a.adminToken())
                .post("/api/me/invitations/" + withdrawn + "/accept")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(everyBrand(a))
                .header("X-Tenant", b.slug())
                .get("/api/hq/stores")
                .then()
                .statusCode(403);
    }

    @Test
    void aBrandCannotDisableRegrantOrRevokeAnOperatorEvenWhenTheyAreAMember() {
        Brand brand = Brands.anActiveBrand("consent-op");
        String operator = accounts.findUser("operator").orElseThrow();
        accounts.ensureMember(accounts.findOrganization(brand.tenant()).orElseThrow(), operator);
        try {
            String admin = brand.adminToken();
            given().auth()
                    .oauth2(admin)
                    .post("/api/hq/staff/" + operator + "/disable")
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("grants", List.of(Map.of("role", "hq_staff", "scope", "all"))))
                    .put("/api/hq/staff/" + operator + "/grants")
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(admin)
                    .delete("/api/hq/staff/" + operator)
                    .then()
                    .statusCode(404);
            Keycloak.operatorToken();
        } finally {
            accounts.removeMember(accounts.findOrganization(brand.tenant()).orElseThrow(), operator);
        }
    }

    @Test
    void signingUpWithAnExistingAccountsAddressWaitsForItsOwnerToAccept() {
        Brand existing = Brands.anActiveBrand("consent-owner");
        String slug = Brands.freshSlug("consent-new");
        Map<String, Object> body = Map.of(
                "brandName",
                "Taken Over?",
                "slug",
                slug,
                "adminEmail",
                existing.adminEmail(),
                "industry",
                "cafe",
                "plan",
                "pro");
        String job = Brands.submit(body, "signup-" + UUID.randomUUID())
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Brands.awaitJob(job, "SUCCEEDED")
                .then()
                .body("result.initialPassword", nullValue())
                .body("result.note", containsString("accept the invitation"));

        given().auth()
                .oauth2(everyBrand(existing))
                .header("X-Tenant", slug)
                .get("/api/hq/stores")
                .then()
                .statusCode(403);
        Mailbox.await(existing.adminEmail(), slug);
        String invitation = given().auth()
                .oauth2(existing.adminToken())
                .get("/api/me/invitations")
                .then()
                .statusCode(200)
                .extract()
                .path("find { it.brand == '" + slug + "' }.id");
        given().auth()
                .oauth2(existing.adminToken())
                .post("/api/me/invitations/" + invitation + "/accept")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(everyBrand(existing))
                .header("X-Tenant", slug)
                .get("/api/hq/subscription")
                .then()
                .statusCode(200);
    }

    @Test
    void keycloakSendsItsSetPasswordMailThroughTheRealMailServer() {
        String email = "set-password-" + UUID.randomUUID().toString().substring(0, 8) + "@mail.example";
        String userId = accounts.ensureUser(email, "Mail");
        accounts.sendSetPasswordEmail(userId);
        assertTrue(
                Mailbox.await(email, "").contains("/realms/mendian/login-actions/action-token"),
                "Keycloak's action link");
    }
}
