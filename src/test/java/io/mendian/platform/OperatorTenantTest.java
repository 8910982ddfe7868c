package io.mendian.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

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
class OperatorTenantTest {

    @Test
    void aSuspendedBrandsStaffAndShopGetAClear403AndResumeRestoresAccessWithDataKept() {
        Brand brand = Brands.anActiveBrand("susp");
        String admin = brand.adminToken();
        String operator = Keycloak.operatorToken();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-susp-" + brand.slug())
                .body(Map.of(
                        "code",
                        "S1",
                        "name",
                        "One",
                        "city",
                        "Suzhou",
                        "address",
                        "1 Ganjiang Rd",
                        "latitude",
                        31.2989,
                        "longitude",
                        120.5853,
                        "status",
                        "OPEN"))
                .post("/api/hq/stores")
                .then()
                .statusCode(201);

        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "unpaid invoice"))
                .post("/api/platform/tenants/" + brand.slug() + "/suspend")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"));
        given().auth()
                .oauth2(admin)
                .get("/api/hq/stores")
                .then()
                .statusCode(403)
                .contentType(containsString("problem+json"))
                .body("type", equalTo("https://mendian.io/problems/tenant-suspended"));
        given().get("/api/shop/" + brand.appid() + "/stores")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/tenant-suspended"));
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "again"))
                .post("/api/platform/tenants/" + brand.slug() + "/suspend")
                .then()
                .statusCode(409);

        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "paid"))
                .post("/api/platform/tenants/" + brand.slug() + "/resume")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
        given().auth()
                .oauth2(admin)
                .get("/api/hq/stores")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        given().get("/api/shop/" + brand.appid() + "/stores")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
    }

    @Test
    void operatorsSearchBrandsByPageWithMigrationVersions() {
        Brand brand = Brands.anActiveBrand("search");
        String operator = Keycloak.operatorToken();
        given().auth()
                .oauth2(operator)
                .queryParam("q", brand.slug())
                .get("/api/platform/tenants")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].migrationVersion", notNullValue())
                .body("items[0].subscriptionStatus", equalTo("TRIAL"));
        given().auth()
                .oauth2(operator)
                .queryParam("status", "ACTIVE")
                .queryParam("size", 1)
                .get("/api/platform/tenants")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("total", greaterThanOrEqualTo(1));
        given().auth()
                .oauth2(operator)
                .get("/api/platform/tenants/no-such-brand")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(brand.adminToken())
                .get("/api/platform/tenants")
                .then()
                .statusCode(403);
    }

    @Test
    void operatorsSeeBrandsBySubscriptionStatusAndTrialMrr() {
        String operator = Keycloak.operatorToken();
        var overview = given().auth()
                .oauth2(operator)
                .get("/api/platform/overview")
                .then()
                .extract();
        long before = ((Number) overview.path("trialMrrFen")).longValue();
        long paying = ((Number) overview.path("mrrFen")).longValue();
        Brand pro = Brands.anActiveBrand("mrr");
        given().auth()
                .oauth2(pro.adminToken())
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-mrr-" + pro.slug())
                .body(Map.of(
                        "code",
                        "M1",
                        "name",
                        "M1",
                        "city",
                        "Suzhou",
                        "address",
                        "1 Rd",
                        "latitude",
                        31.29,
                        "longitude",
                        120.58))
                .post("/api/hq/stores")
                .then()
                .statusCode(201);
        // Pro: 999 yuan a month plus 50 yuan per store. The store count reaches the meter through the broker, so the
        // overview catches up within moments rather than in the store's transaction.
        io.mendian.testsupport.Eventually.isTrue(
                java.time.Duration.ofSeconds(30),
                () -> ((Number) given().auth()
                                        .oauth2(operator)
                                        .get("/api/platform/overview")
                                        .then()
                                        .extract()
                                        .path("trialMrrFen"))
                                .longValue()
                        == before + 99900 + 5000);
        given().auth()
                .oauth2(operator)
                .get("/api/platform/overview")
                .then()
                .statusCode(200)
                .body("trialMrrFen", equalTo((int) (before + 99900 + 5000)))
                .body("tenantsByStatus.ACTIVE", greaterThanOrEqualTo(1))
                .body("subscriptionsByStatus.TRIAL", greaterThanOrEqualTo(1))
                .body("mrrFen", equalTo((int) paying))
                .body("trialMrrFen", greaterThanOrEqualTo(99900));
    }

    @Test
    void unknownAppidsAre404() {
        given().get("/api/shop/wx0000000000000000/stores")
                .then()
                .statusCode(404)
                .contentType(containsString("problem+json"));
        given().get("/api/shop/not-an-appid/stores").then().statusCode(404);
    }

    @Test
    void readinessIncludesMigrations() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'schema-migrations' }.status", equalTo("UP"));
    }
}
