package io.mendian.platform;

import static io.mendian.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Hostile and sloppy input on billing and mini-program endpoints: always a 4xx problem, never a 500. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class BillingAndMiniAppBadInputTest {

    @Test
    void hqBillingRejectsBadInputWithProblems() {
        Brand brand = Brands.anActiveBrand("bad-bill");
        String admin = brand.adminToken();
        as(admin)
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(400)
                .contentType(containsString("problem+json"));
        as(admin)
                .body(Map.of("plan", ""))
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(400);
        as(admin)
                .body("{\"plan\": 42")
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(400);
        as(admin)
                .body(Map.of("plan", "pro"))
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/same-plan"));
        given().auth()
                .oauth2(admin)
                .post("/api/hq/subscription/activation")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/idempotency-key-missing"));
        as(admin).delete("/api/hq/subscription/cancellation").then().statusCode(409);
        as(admin).get("/api/hq/invoices/abc").then().statusCode(400);
        as(admin).get("/api/hq/invoices/%20").then().statusCode(400);
        as(admin).get("/api/hq/invoices/99999999").then().statusCode(404);
        as(admin).get("/api/hq/invoices?status=LATE").then().statusCode(400);
        as(admin).get("/api/hq/invoices?size=1000").then().statusCode(400);
    }

    @Test
    void operatorBillingRejectsBadInputWithProblems() {
        String operator = Keycloak.operatorToken();
        var spec = given().auth().oauth2(operator).contentType(ContentType.JSON);
        spec.header("Idempotency-Key", "k-bad-pay-1")
                .body(Map.of("amountFen", -5, "method", "cash"))
                .post("/api/platform/billing/invoices/1/payments")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("amountFen", 5, "method", "cash"))
                .post("/api/platform/billing/invoices/1/payments")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/idempotency-key-missing"));
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-bad-pay-2")
                .body(Map.of("amountFen", 5, "method", "cash"))
                .post("/api/platform/billing/invoices/99999999/payments")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("period", "2999-01"))
                .post("/api/platform/billing/invoice-runs")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/future-period"));
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("period", "2016-01"))
                .post("/api/platform/billing/invoice-runs")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/period-too-old"));
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("plan", "pro"))
                .post("/api/platform/billing/subscriptions/no-such-brand/plan-change")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("templateId", -1, "userVersion", "", "userDesc", "x", "maxConcurrent", 99))
                .post("/api/platform/wechat/rollouts")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(operator)
                .get("/api/platform/wechat/rollouts/0")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(operator)
                .get("/api/platform/wechat/rollouts/424242")
                .then()
                .statusCode(404);
    }

    @Test
    void miniAppAndWeChatCallbacksRejectBadInputWithProblems() {
        Brand brand = Brands.anActiveBrand("bad-wxa");
        as(brand.adminToken())
                .post("/api/hq/miniapp/deployments")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/not-authorized"));
        as(brand.adminToken()).get("/api/hq/miniapp").then().statusCode(200);
        given().get("/wechat/open/authorized").then().statusCode(400).contentType(containsString("problem+json"));
        given().get("/wechat/open/authorized?state=nope&auth_code=x").then().statusCode(404);
        given().body("").post("/wechat/open/notify/auth").then().statusCode(401);
        given().body("<xml>")
                .post("/wechat/open/notify/apps/wx0000000000000001")
                .then()
                .statusCode(401);
        given().body("garbage")
                .post("/sandbox/wechat/open/cgi-bin/component/api_component_token")
                .then()
                .statusCode(200)
                .body("errcode", equalTo(47001));
        given().post("/sandbox/wechat/open/wxa/commit?access_token=nope")
                .then()
                .statusCode(200)
                .body("errcode", equalTo(40001));
    }
}
