package io.mendian.membership;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Coupons;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The counter (S5) on real tokens, Redis and PostgreSQL: staff scan a member's dynamic code, see their points and
 * coupons, adjust points and redeem a coupon, each with a receipt; a code makes one change, a retry returns the same
 * receipt, and a forged or another brand's code is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class CounterTest {

    @Test
    void staffScanAMembersCodeAdjustPointsAndRedeemACouponEachOnceWithAReceipt() {
        Shop s = Shops.shop("counter");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String ada = Consumers.memberToken(appid, "ada");
        long member = Consumers.memberId(appid, ada);
        long template = Api.create(admin, "/api/hq/promotions/coupons", Coupons.coupon("到店立减5元", 500, 0, 10));
        long coupon = Coupons.claim(appid, ada, template);
        String store = "/api/store/" + s.pickupStore();

        String code = code(appid, ada);
        Api.as(admin)
                .body(Map.of("code", code))
                .post(store + "/members/scan")
                .then()
                .statusCode(200)
                .body("memberId", equalTo((int) member))
                .body("pointsBalance", equalTo(0));
        Map<String, Object> adjustment = Map.of("code", code, "delta", 50, "reason", "到店签到");
        String receipt = keyed(admin, "counter-1-" + member)
                .body(adjustment)
                .post(store + "/members/points")
                .then()
                .statusCode(201)
                .body("balanceAfter", equalTo(50))
                .body("storeId", equalTo((int) s.pickupStore()))
                .extract()
                .path("receiptNo");
        // A retry (the answer lost) returns the same receipt; a second change with the code is refused.
        keyed(admin, "counter-1-" + member)
                .body(adjustment)
                .post(store + "/members/points")
                .then()
                .statusCode(201)
                .body("receiptNo", equalTo(receipt));
        keyed(admin, "counter-2-" + member)
                .body(Map.of("code", code, "delta", 50, "reason", "again"))
                .post(store + "/members/points")
                .then()
                .statusCode(409)
                .body("type", endsWith("member-code-used"));
        Shops.member(ada).get("/api/shop/" + appid + "/me/points").then().body("balance", equalTo(50));

        // Looking is free; a failed redemption leaves the code unspent; a redemption spends it for coupons.
        Api.as(admin)
                .body(Map.of("code", code))
                .post(store + "/member-coupons/lookup")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem((int) coupon));
        keyed(admin, "redeem-x-" + member)
                .body(Map.of("code", code))
                .post(store + "/member-coupons/999999/redeem")
                .then()
                .statusCode(409)
                .body("type", endsWith("coupon-not-usable"));
        keyed(admin, "redeem-" + member)
                .body(Map.of("code", code))
                .post(store + "/member-coupons/" + coupon + "/redeem")
                .then()
                .statusCode(201)
                .body("name", equalTo("到店立减5元"));
        keyed(admin, "redeem-again-" + member)
                .body(Map.of("code", code))
                .post(store + "/member-coupons/" + coupon + "/redeem")
                .then()
                .statusCode(409)
                .body("type", endsWith("member-code-used"));
        Shops.member(ada)
                .get("/api/shop/" + appid + "/me/coupons?status=USED")
                .then()
                .body("items", hasSize(1));

        Api.as(admin)
                .body(Map.of("code", "M" + member + "-1-0123456789abcdef0123"))
                .post(store + "/members/scan")
                .then()
                .statusCode(400)
                .body("type", endsWith("invalid-member-code"));
        Shop other = Shops.shop("counter2");
        Api.as(other.brand().adminToken())
                .body(Map.of("code", code(appid, ada)))
                .post("/api/store/" + other.pickupStore() + "/members/scan")
                .then()
                .statusCode(400)
                .body("type", endsWith("invalid-member-code"));
    }

    /** A staff call with the caller's own Idempotency-Key (a retry sends the same one). */
    private static io.restassured.specification.RequestSpecification keyed(String token, String key) {
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(token)
                .contentType(io.restassured.http.ContentType.JSON)
                .header("Idempotency-Key", key);
    }

    private static String code(String appid, String token) {
        return Shops.member(token)
                .get("/api/shop/" + appid + "/me/code")
                .then()
                .statusCode(200)
                .extract()
                .path("code");
    }
}
