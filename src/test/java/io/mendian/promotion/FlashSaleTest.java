package io.mendian.promotion;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.FlashSales;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Flash sales on real Redis, PostgreSQL and tokens: racing members buy exactly the units on sale and each at most
 * their limit; the gate rebuilds itself from the database when Redis loses it, without selling a unit twice; an unpaid
 * order's unit goes back on sale; refusals say why in words and change nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class FlashSaleTest {

    @Inject
    RedisDataSource redis;

    @Test
    void racingMembersBuyExactlyTheUnitsOnSaleAndEachAtMostTheirLimit() throws Exception {
        Shop s = Shops.shop("flashrace");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long sale = Api.create(
                admin, "/api/hq/promotions/flash-sales", FlashSales.sale("秒杀乌龙茶", s.tea(), 990, 3, 1, s.pickupStore()));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(Consumers.memberToken(appid, "racer" + i));
        }
        Shops.put(appid, members.getFirst(), s.pickupStore(), s.cake(), 1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Integer>> attempts = new ArrayList<>();
        for (String member : members) {
            for (int twice = 0; twice < 2; twice++) {
                Callable<Integer> attempt = () -> FlashSales.buy(appid, member, sale, s.pickupStore(), 1)
                        .then()
                        .extract()
                        .statusCode();
                attempts.add(pool.submit(attempt));
            }
        }
        Map<Integer, Integer> outcomes = new HashMap<>();
        for (Future<Integer> f : attempts) {
            outcomes.merge(f.get(), 1, Integer::sum);
        }
        pool.shutdown();
        assertEquals(3, outcomes.getOrDefault(201, 0), "outcomes " + outcomes);
        assertEquals(9, outcomes.getOrDefault(409, 0), "outcomes " + outcomes);
        Api.as(admin)
                .get("/api/hq/promotions/flash-sales/" + sale)
                .then()
                .statusCode(200)
                .body("sold", equalTo(3))
                .body("state", equalTo("SOLD_OUT"));
        int buyers = 0;
        for (String member : members) {
            List<Map<String, Object>> orders = Shops.member(member)
                    .get("/api/shop/" + appid + "/orders")
                    .then()
                    .extract()
                    .path("items");
            assertTrue(orders.size() <= 1, "a member bought more than their limit");
            for (Map<String, Object> order : orders) {
                assertEquals(990, ((Number) order.get("totalFen")).intValue(), "the flash price is what is paid");
                buyers++;
            }
        }
        assertEquals(3, buyers);
        // Buying now leaves the cart alone.
        Shops.member(members.getFirst())
                .get("/api/shop/" + appid + "/cart")
                .then()
                .body("stores[0].items", hasSize(1));
        Shops.member(members.getFirst())
                .get("/api/shop/" + appid + "/stores/" + s.pickupStore() + "/flash-sales")
                .then()
                .statusCode(200);
    }

    @Test
    void theGateIsRebuiltFromTheDatabaseWhenRedisLosesItAndAnUnpaidOrderGivesItsUnitBack() {
        Shop s = Shops.shop("flashgate");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long sale = Api.create(admin, "/api/hq/promotions/flash-sales", FlashSales.sale("两件秒杀", s.tea(), 990, 2, 1));
        String ann = Consumers.memberToken(appid, "ann");
        String bob = Consumers.memberToken(appid, "bob");
        String cat = Consumers.memberToken(appid, "cat");
        Map<String, Object> annBody = FlashSales.body(sale, s.pickupStore(), 1);
        String annOrder = FlashSales.buy(appid, ann, annBody, "ann-flash")
                .then()
                .statusCode(201)
                .body("pricing.discounts[0].kind", equalTo("ITEM_ACTIVITY"))
                .body("pricing.discounts[0].fen", equalTo(810))
                .extract()
                .path("orderNo");
        shop(appid, s.pickupStore()).body("find { it.id == " + sale + " }.left", equalTo(1));
        // A retry of her attempt (its answer lost) returns her order, though she is now at her limit.
        FlashSales.buy(appid, ann, annBody, "ann-flash").then().statusCode(201).body("orderNo", equalTo(annOrder));

        forgetGates();
        // Ann's unit is remembered from the database: her second attempt is over her limit, not a sale.
        FlashSales.buy(appid, ann, sale, s.pickupStore(), 1)
                .then()
                .statusCode(409)
                .body("type", endsWith("flash-limit"));
        FlashSales.buy(appid, bob, sale, s.deliveryStore(), 1).then().statusCode(201);
        forgetGates();
        FlashSales.buy(appid, cat, sale, s.pickupStore(), 1)
                .then()
                .statusCode(409)
                .body("type", endsWith("flash-sold-out"));

        Shops.member(ann)
                .post("/api/shop/" + appid + "/orders/" + annOrder + "/cancel")
                .then()
                .statusCode(200);
        Api.as(admin).get("/api/hq/promotions/flash-sales/" + sale).then().body("sold", equalTo(1));
        FlashSales.buy(appid, cat, sale, s.pickupStore(), 1).then().statusCode(201);
        Api.as(admin)
                .get("/api/hq/promotions/flash-sales/" + sale)
                .then()
                .body("sold", equalTo(2))
                .body("state", equalTo("SOLD_OUT"));
    }

    @Test
    void refusalsSayWhyAndChangeNothing() {
        Shop s = Shops.shop("flashbad");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String path = "/api/hq/promotions/flash-sales";
        Map<String, Object> later = new HashMap<>(FlashSales.sale("明天秒杀", s.tea(), 990, 5, 2));
        later.put("startsAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        long upcoming = Api.create(admin, path, later);
        long elsewhere = Api.create(admin, path, FlashSales.sale("别店", s.tea(), 990, 5, 2, s.deliveryStore()));
        long live = Api.create(admin, path, FlashSales.sale("今日", s.cake(), 1990, 5, 2));
        String dan = Consumers.memberToken(appid, "dan");

        FlashSales.buy(appid, dan, upcoming, s.pickupStore(), 1)
                .then()
                .statusCode(409)
                .body("type", endsWith("flash-not-started"));
        FlashSales.buy(appid, dan, elsewhere, s.pickupStore(), 1)
                .then()
                .statusCode(422)
                .body("type", endsWith("flash-not-at-this-store"));
        FlashSales.buy(appid, dan, live, s.pickupStore(), 3)
                .then()
                .statusCode(422)
                .body("type", endsWith("flash-limit"));
        FlashSales.buy(appid, dan, 999_999, s.pickupStore(), 1).then().statusCode(404);
        FlashSales.buy(appid, dan, live, s.pickupStore(), 0).then().statusCode(400);
        shop(appid, s.pickupStore())
                .body("find { it.id == " + upcoming + " }.state", equalTo("UPCOMING"))
                .body("find { it.id == " + live + " }.state", equalTo("LIVE"))
                .body("find { it.id == " + live + " }.storePriceFen", equalTo(2500))
                .body("find { it.id == " + elsewhere + " }", equalTo(null));

        Map<String, Object> backwards = new HashMap<>(FlashSales.sale("倒置", s.tea(), 990, 5, 1));
        backwards.put("endsAt", Instant.now().minus(2, ChronoUnit.MINUTES).toString());
        expect(admin, backwards, 422, "bad-window");
        expect(admin, FlashSales.sale("限购过多", s.tea(), 990, 2, 3), 422, "bad-limit");
        expect(admin, FlashSales.sale("无此商品", 987_654, 990, 2, 1), 422, "unknown-sku");
        expect(admin, FlashSales.sale("无此门店", s.tea(), 990, 2, 1, 987_654L), 422, "unknown-store");
        expect(admin, FlashSales.sale("零元", s.tea(), 0, 2, 1), 400, null);
        expect(admin, FlashSales.sale("溢出", s.tea(), 990, Integer.MAX_VALUE, 1), 400, null);

        Api.as(admin).post(path + "/" + live + "/end").then().statusCode(200).body("state", equalTo("ENDED"));
        Api.as(admin).post(path + "/" + live + "/end").then().statusCode(409);
        FlashSales.buy(appid, dan, live, s.pickupStore(), 1)
                .then()
                .statusCode(409)
                .body("type", endsWith("flash-over"));
        Shops.member(dan).get("/api/shop/" + appid + "/orders").then().body("items", hasSize(0));
        Api.as(admin).get(path + "?live=true").then().body("total", equalTo(2));
        Api.as(admin).get(path + "?live=maybe").then().statusCode(400);
    }

    private static void expect(String admin, Map<String, Object> body, int status, String slug) {
        var answer = Api.as(admin)
                .header("Idempotency-Key", "fs-" + java.util.UUID.randomUUID())
                .body(body)
                .post("/api/hq/promotions/flash-sales")
                .then()
                .statusCode(status);
        if (slug != null) {
            answer.body("type", endsWith(slug));
        }
    }

    private static io.restassured.response.ValidatableResponse shop(String appid, long store) {
        // The storefront's answer is kept for a second per store.
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return io.restassured.RestAssured.given()
                .get("/api/shop/" + appid + "/stores/" + store + "/flash-sales")
                .then()
                .statusCode(200);
    }

    /** What a flush or an eviction does to the gate: its keys are gone. */
    private void forgetGates() {
        var keys = redis.key().keys("*flash*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }
}
