package io.mendian.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class SignupFlowTest {

    @Test
    void signupBecomesAnActiveBrandWhoseAdminTokenWorksAndWhoseStoresOtherBrandsCannotSee() {
        String slug = Brands.freshSlug("acme");
        Map<String, Object> body = Brands.signupBody(slug);
        String job = Brands.submit(body, "k-" + UUID.randomUUID())
                .then()
                .statusCode(202)
                .body("status", org.hamcrest.Matchers.oneOf("PENDING", "RUNNING", "SUCCEEDED"))
                .body("steps.step", hasItems("CREATE_SCHEMA", "CREATE_ORGANIZATION", "ACTIVATE"))
                .extract()
                .path("id");
        var done = Brands.awaitJob(job, "SUCCEEDED");
        done.then()
                .body("steps.state", everyItem(equalTo("DONE")))
                .body("result.initialPassword", notNullValue())
                .body("result.appid", notNullValue());
        // Shown once only.
        given().get("/api/signup/" + job).then().statusCode(200).body("result.initialPassword", nullValue());

        String token = Keycloak.tokenFor((String) body.get("adminEmail"), done.path("result.initialPassword"));
        given().auth()
                .oauth2(token)
                .get("/api/hq/stores")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        long storeId = ((Number) given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .header("Idempotency-Key", "store-" + UUID.randomUUID())
                        .body(Map.of(
                                "code",
                                "SH-001",
                                "name",
                                "Shanghai People's Square",
                                "city",
                                "Shanghai",
                                "address",
                                "1 Nanjing Rd",
                                "latitude",
                                31.2304,
                                "longitude",
                                121.4737))
                        .post("/api/hq/stores")
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("PREPARING"))
                        .extract()
                        .path("id"))
                .longValue();

        Brand other = Brands.anActiveBrand("rival");
        String otherToken = other.adminToken();
        given().auth()
                .oauth2(otherToken)
                .get("/api/hq/stores")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().auth()
                .oauth2(otherToken)
                .get("/api/hq/stores/" + storeId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .get("/api/hq/stores/" + storeId)
                .then()
                .statusCode(200)
                .body("code", equalTo("SH-001"));
    }

    @Test
    void aSignupCannotClaimAMiniProgramOnlyWeChatsAuthorizationBindsOne() {
        String appid =
                "wx" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Map<String, Object> body = new java.util.HashMap<>(Brands.signupBody(Brands.freshSlug("claim")));
        body.put("appid", appid);
        Brands.submit(body, "k-" + java.util.UUID.randomUUID())
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/appid-needs-authorization"));
        given().get("/api/shop/" + appid + "/ping").then().statusCode(404);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameJobAndADifferentBodyIsRejected() {
        String slug = Brands.freshSlug("twice");
        String key = "k-" + UUID.randomUUID();
        String first = Brands.submit(Brands.signupBody(slug), key)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        String second = Brands.submit(Brands.signupBody(slug), key)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        assertEquals(first, second);
        Map<String, Object> changed = new HashMap<>(Brands.signupBody(slug));
        changed.put("brandName", "Something else");
        Brands.submit(changed, key)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://mendian.io/problems/idempotency-key-reused"));
        Brands.awaitJob(first, "SUCCEEDED");
    }

    @Test
    void duplicateReservedAndMalformedSignupsGetClearProblems() {
        Brand taken = Brands.anActiveBrand("taken");
        Brands.submit(Brands.signupBody(taken.slug()), "k-" + UUID.randomUUID())
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/slug-taken"));
        Brands.submit(Brands.signupBody("admin"), "k-" + UUID.randomUUID())
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/slug-reserved"));
        for (String bad : new String[] {"Ab", "1abc", "ab", "a b c", "abc'; drop table tenant;--", "x".repeat(40)}) {
            Brands.submit(Brands.signupBody(bad), "k-" + UUID.randomUUID())
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        Map<String, Object> badEmail = new HashMap<>(Brands.signupBody(Brands.freshSlug("mail")));
        badEmail.put("adminEmail", "not-an-email");
        Brands.submit(badEmail, "k-" + UUID.randomUUID())
                .then()
                .statusCode(400)
                .body("violations[0].field", notNullValue());
        Map<String, Object> badPlan = new HashMap<>(Brands.signupBody(Brands.freshSlug("plan")));
        badPlan.put("plan", "enterprise");
        Brands.submit(badPlan, "k-" + UUID.randomUUID())
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/unknown-plan"));
        Brands.submit(Brands.signupBody(Brands.freshSlug("nokey")), null)
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/idempotency-key-missing"));
    }
}
