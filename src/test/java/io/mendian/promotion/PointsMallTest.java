package io.mendian.promotion;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Coupons;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The points mall on real PostgreSQL and tokens: points buy a coupon into the wallet, both or neither; racing members
 * redeem exactly the stock; limits and too few points refuse in words and take nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class PointsMallTest {

    @Inject
    DataSource data;

    @Test
    void pointsBuyACouponIntoTheWalletAndRacingMembersRedeemExactlyTheStock() throws Exception {
        Shop s = Shops.shop("mall");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        Map<String, Object> coupon = new HashMap<>(Coupons.coupon("积分兑换5元券", 500, 0, 100));
        coupon.put("claimable", false);
        long template = Api.create(admin, "/api/hq/promotions/coupons", coupon);
        long item = Api.create(admin, "/api/hq/promotions/mall-items", item("500积分换5元券", template, 500, 3, 1));

        List<String> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String token = Consumers.memberToken(appid, "saver" + i);
            give(admin, Consumers.memberId(appid, token), 800);
            members.add(token);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> tries = new ArrayList<>();
        for (String m : members) {
            tries.add(pool.submit(() -> redeem(appid, m, item).statusCode()));
        }
        Map<Integer, Integer> outcomes = new HashMap<>();
        for (Future<Integer> f : tries) {
            outcomes.merge(f.get(), 1, Integer::sum);
        }
        pool.shutdown();
        assertEquals(Map.of(201, 3, 409, 3), outcomes);
        int winners = 0;
        for (String m : members) {
            long points = points(appid, m);
            int coupons = Shops.member(m)
                    .get("/api/shop/" + appid + "/me/coupons")
                    .then()
                    .extract()
                    .path("total");
            // Points and coupon move together: 300 left with the coupon, or 800 without it.
            if (points == 300) {
                assertEquals(1, coupons);
                winners++;
            } else {
                assertEquals(800, points);
                assertEquals(0, coupons);
            }
        }
        assertEquals(3, winners);
        Api.as(admin)
                .get("/api/hq/promotions/mall-items")
                .then()
                .body("items[0].redeemed", equalTo(3))
                .body("items[0].couponName", equalTo("积分兑换5元券"));
        String schema = s.brand().tenant().schema();
        assertEquals(
                0,
                Sql.scalar(
                        data,
                        "select count(*) from " + schema + ".points_account a where a.balance <> (select coalesce(sum("
                                + "delta), 0) from " + schema + ".points_ledger l where l.member_id = a.member_id)"));
    }

    @Test
    void limitsAndTooFewPointsRefuseInWordsAndTakeNothing() {
        Shop s = Shops.shop("mallbad");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long template = Api.create(admin, "/api/hq/promotions/coupons", Coupons.coupon("兑换券", 300, 0, 100));
        long item = Api.create(admin, "/api/hq/promotions/mall-items", item("300积分换券", template, 300, null, 1));
        String ann = Consumers.memberToken(appid, "ann");
        give(admin, Consumers.memberId(appid, ann), 500);
        String key = "mall-" + UUID.randomUUID();
        long redemption = ((Number) redeem(appid, ann, item, key)
                        .then()
                        .statusCode(201)
                        .body("points", equalTo(300))
                        .extract()
                        .path("id"))
                .longValue();
        // A retry of the same redemption returns it; a new one is over the member's limit.
        redeem(appid, ann, item, key).then().statusCode(201).body("id", equalTo((int) redemption));
        redeem(appid, ann, item).then().statusCode(409).body("type", endsWith("mall-limit"));
        assertEquals(200, points(appid, ann));
        Shops.member(ann)
                .get("/api/shop/" + appid + "/me/points")
                .then()
                .body("ledger.items[0].kind", equalTo("REDEEM"))
                .body("ledger.items[0].delta", equalTo(-300));

        String bob = Consumers.memberToken(appid, "bob");
        give(admin, Consumers.memberId(appid, bob), 100);
        redeem(appid, bob, item).then().statusCode(409).body("type", endsWith("insufficient-points"));
        assertEquals(100, points(appid, bob));
        Shops.member(bob).get("/api/shop/" + appid + "/me/coupons").then().body("total", equalTo(0));

        Api.as(admin)
                .body(item("店铺券不行", 999_999, 100, null, 1))
                .post("/api/hq/promotions/mall-items")
                .then()
                .statusCode(422)
                .body("type", endsWith("unknown-coupon"));
        Api.as(admin)
                .body(item("负积分", template, -5, null, 1))
                .post("/api/hq/promotions/mall-items")
                .then()
                .statusCode(400);
        Api.as(admin)
                .post("/api/hq/promotions/mall-items/" + item + "/end")
                .then()
                .statusCode(200);
        redeem(appid, bob, item).then().statusCode(404);
        io.restassured.RestAssured.given()
                .get("/api/shop/" + appid + "/mall-items")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    private static Map<String, Object> item(String name, long template, long points, Integer stock, int limit) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("templateId", template);
        body.put("points", points);
        body.put("stock", stock);
        body.put("perMemberLimit", limit);
        return body;
    }

    private static void give(String admin, long member, long points) {
        Api.as(admin)
                .body(Map.of("delta", points, "reason", "test"))
                .post("/api/hq/members/" + member + "/points/adjustments")
                .then()
                .statusCode(200);
    }

    private static io.restassured.response.Response redeem(String appid, String token, long item) {
        return redeem(appid, token, item, "mall-" + UUID.randomUUID());
    }

    private static io.restassured.response.Response redeem(String appid, String token, long item, String key) {
        return Shops.member(token)
                .header("Idempotency-Key", key)
                .post("/api/shop/" + appid + "/mall-items/" + item + "/redeem");
    }

    private static long points(String appid, String token) {
        return ((Number) Shops.member(token)
                        .get("/api/shop/" + appid + "/me/points")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("balance"))
                .longValue();
    }
}
