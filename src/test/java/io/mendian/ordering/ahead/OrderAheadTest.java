package io.mendian.ordering.ahead;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OrderAheadTest {

    @Inject
    DataSource data;

    @Test
    void anAsapOrderGetsTheNextQueueNumberWhenPaidAndFollowsTheQueueAhead() {
        Shop s = Shops.shop("ahead");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String store = "/api/store/" + s.pickupStore();
        List<String> tokens = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (String name : List.of("amy", "ben", "cat")) {
            String token = Consumers.memberToken(appid, name);
            tokens.add(token);
            Shops.put(appid, token, s.pickupStore(), s.tea(), 1);
            String orderNo = asap(appid, token, s.pickupStore())
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("[0].orderNo");
            Shops.pay(s.brand(), token, orderNo);
            orders.add(orderNo);
        }
        Shops.member(tokens.get(0))
                .get("/api/shop/" + appid + "/orders/" + orders.get(0))
                .then()
                .body("queueNo", equalTo("A001"))
                .body("asap", equalTo(true));
        // The cafe template: four minutes an order, two at once. Cat is third: two ahead, ready in the second round.
        Response cat = Shops.member(tokens.get(2)).get("/api/shop/" + appid + "/orders/" + orders.get(2) + "/queue");
        cat.then().statusCode(200).body("queueNo", equalTo("A003")).body("ahead", equalTo(2));
        Duration wait = Duration.between(Instant.now(), Instant.parse(cat.path("estimatedReadyAt")));
        assertTrue(wait.toMinutes() >= 7 && wait.toMinutes() <= 8, "cat waits two rounds of four minutes: " + wait);

        Api.as(admin)
                .get(store + "/make-queue")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true))
                .body("lanes", equalTo(2))
                .body("prepSeconds", equalTo(240))
                .body("tickets", hasSize(3))
                .body("tickets[0].queueNo", equalTo("A001"))
                .body("tickets[2].queueNo", equalTo("A003"))
                .body("tickets[0].items[0]", equalTo("Oolong Tea ×1"));

        // Amy's is made: Cat has one ahead, and Amy's waits at the end of the queue to be picked up.
        Api.as(admin)
                .post(store + "/orders/" + orders.get(0) + "/accept")
                .then()
                .statusCode(200);
        Api.as(admin).post(store + "/orders/" + orders.get(0) + "/ready").then().statusCode(200);
        Shops.member(tokens.get(2))
                .get("/api/shop/" + appid + "/orders/" + orders.get(2) + "/queue")
                .then()
                .body("ahead", equalTo(1));
        Api.as(admin)
                .get(store + "/make-queue")
                .then()
                .body("tickets[2].queueNo", equalTo("A001"))
                .body("tickets[2].status", equalTo("READY"));
        Shops.member(tokens.get(0))
                .get("/api/shop/" + appid + "/orders/" + orders.get(0) + "/queue")
                .then()
                .body("status", equalTo("READY"))
                .body("ahead", equalTo(0));
        assertEquals(
                1L,
                Sql.scalar(
                        data,
                        "select count(*) from " + s.brand().tenant().schema()
                                + ".customer_order where prep_seconds is not null"),
                "the ready order's preparation time is recorded for the estimates");
        // Someone else's order is not found, not queued.
        Shops.member(tokens.get(1))
                .get("/api/shop/" + appid + "/orders/" + orders.get(0) + "/queue")
                .then()
                .statusCode(404);
    }

    @Test
    void aPausedStoreRefusesOrdersDueBeforeItResumesAndSaysWhen() {
        Shop s = Shops.shop("pause");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String store = "/api/store/" + s.pickupStore();
        String token = Consumers.memberToken(appid, "dan");
        Shops.put(appid, token, s.pickupStore(), s.tea(), 1);

        Api.as(admin)
                .body(Map.of("minutes", 30, "reason", "rush hour"))
                .put(store + "/order-ahead/pause")
                .then()
                .statusCode(200)
                .body("pausedUntil", notNullValue())
                .body("pauseReason", equalTo("rush hour"));
        Shops.member(token)
                .get("/api/shop/" + appid + "/stores/" + s.pickupStore() + "/order-ahead")
                .then()
                .statusCode(200)
                .body("orderAhead", equalTo(true))
                .body("paused", equalTo(true))
                .body("pauseReason", equalTo("rush hour"));
        asap(appid, token, s.pickupStore())
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/order-ahead-paused"))
                .body("resumesAt", notNullValue());
        Shops.member(token).get("/api/shop/" + appid + "/cart").then().body("stores", hasSize(1));
        // A pickup after the pause is taken.
        Shops.member(token)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(Shops.pickup(s.pickupStore()))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201);

        Api.as(admin)
                .delete(store + "/order-ahead/pause")
                .then()
                .statusCode(200)
                .body("pausedUntil", nullValue());
        Shops.put(appid, token, s.pickupStore(), s.tea(), 1);
        asap(appid, token, s.pickupStore()).then().statusCode(201);
        assertEquals(
                2L,
                Sql.scalar(
                        data,
                        "select count(*) from " + s.brand().tenant().schema()
                                + ".order_ahead_log where action in ('PAUSE', 'RESUME')"),
                "pausing and resuming are logged");
        Api.as(admin)
                .body(Map.of("minutes", 1, "reason", "too short"))
                .put(store + "/order-ahead/pause")
                .then()
                .statusCode(400);
    }

    @Test
    void aBrandWithoutOrderAheadStillAsksForAPickupTimeAndGivesNoNumbers() {
        Shop s = Shops.shop("noahead");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        Api.as(admin)
                .body(Map.of("enabled", false, "prepMinutes", 4, "lanes", 2))
                .put("/api/hq/order-ahead")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        String token = Consumers.memberToken(appid, "eli");
        Shops.put(appid, token, s.pickupStore(), s.tea(), 1);
        asap(appid, token, s.pickupStore())
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/invalid-pickup-time"));
        String orderNo = Shops.checkoutPickup(appid, token, s.pickupStore());
        Shops.pay(s.brand(), token, orderNo);
        Shops.member(token)
                .get("/api/shop/" + appid + "/orders/" + orderNo + "/queue")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/not-queued"));
        Api.as(admin)
                .body(Map.of("minutes", 30))
                .put("/api/store/" + s.pickupStore() + "/order-ahead/pause")
                .then()
                .statusCode(409);
        Api.as(admin)
                .body(Map.of("enabled", true, "prepMinutes", 0, "lanes", 2))
                .put("/api/hq/order-ahead")
                .then()
                .statusCode(400);
    }

    @Test
    void paymentsArrivingTogetherGetDifferentNumbers() throws Exception {
        Shop s = Shops.shop("queue");
        String appid = s.brand().appid();
        int n = 16;
        Api.as(s.brand().adminToken())
                .body(Map.of("lines", List.of(Map.of("skuId", s.tea(), "quantity", n))))
                .post("/api/store/" + s.pickupStore() + "/stock/receipts")
                .then()
                .statusCode(201);
        List<String> outTradeNos = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String token = Consumers.memberToken(appid, "q" + i);
            Shops.put(appid, token, s.pickupStore(), s.tea(), 1);
            String orderNo = asap(appid, token, s.pickupStore())
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("[0].orderNo");
            outTradeNos.add(Shops.member(token)
                    .post("/api/shop/" + appid + "/orders/" + orderNo + "/payment")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("outTradeNo"));
        }
        String subMchid = Pay.subMchid(s.brand());
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> paying = new ArrayList<>();
            for (String outTradeNo : outTradeNos) {
                paying.add(pool.submit(() -> io.restassured.RestAssured.given()
                        .queryParam("sub_mchid", subMchid)
                        .queryParam("notify", true)
                        .post("/sandbox/wechat/pay/test/transactions/" + outTradeNo + "/pay")
                        .then()
                        .log()
                        .ifValidationFails()
                        .statusCode(200)));
            }
            for (Future<?> f : paying) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        String schema = s.brand().tenant().schema();
        io.mendian.testsupport.Eventually.isTrue(
                Duration.ofSeconds(30),
                () -> Sql.scalar(data, "select count(*) from " + schema + ".customer_order where queue_no is not null")
                        == n);
        List<String> numbers =
                Sql.strings(data, "select queue_no from " + schema + ".customer_order order by queue_seq");
        assertEquals(n, new HashSet<>(numbers).size(), "every number once: " + numbers);
        assertEquals("A001", numbers.get(0));
        assertEquals(String.format("A%03d", n), numbers.get(n - 1));
    }

    @Test
    void aFullQuarterOfAnHourTakesExactlyItsCapacityAndOffersTheNextQuartersWithRoom() throws Exception {
        Shop s = Shops.shop("slots");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        int capacity = 3;
        int racing = 8;
        Api.as(admin)
                .body(Map.of("enabled", true, "prepMinutes", 4, "lanes", 2, "slotCapacity", capacity))
                .put("/api/hq/order-ahead")
                .then()
                .statusCode(200)
                .body("slotCapacity", equalTo(capacity));
        // A client that leaves the capacity out (one written before it existed) does not switch it off.
        Api.as(admin)
                .body(Map.of("enabled", true, "prepMinutes", 5, "lanes", 2))
                .put("/api/hq/order-ahead")
                .then()
                .statusCode(200)
                .body("prepMinutes", equalTo(5))
                .body("slotCapacity", equalTo(capacity));
        Api.as(admin)
                .body(Map.of("lines", List.of(Map.of("skuId", s.tea(), "quantity", racing * 2))))
                .post("/api/store/" + s.pickupStore() + "/stock/receipts")
                .then()
                .statusCode(201);
        // One quarter of an hour, two hours from now, asked for by eight members at once.
        Instant quarter = MakeSlots.quarterOf(Instant.now().plus(Duration.ofHours(2)));
        Map<String, Object> order = Map.of(
                "storeId",
                s.pickupStore(),
                "mode",
                "PICKUP",
                "pickupAt",
                quarter.plusSeconds(300).toString());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < racing; i++) {
            String token = Consumers.memberToken(appid, "slot" + i);
            Shops.put(appid, token, s.pickupStore(), s.tea(), 1);
            tokens.add(token);
        }
        ExecutorService pool = Executors.newFixedThreadPool(racing);
        List<Response> answers = new ArrayList<>();
        try {
            List<Future<Response>> checkouts = new ArrayList<>();
            for (String token : tokens) {
                checkouts.add(pool.submit(() -> Shops.member(token)
                        .header("Idempotency-Key", "k-" + UUID.randomUUID())
                        .body(Map.of("orders", List.of(order)))
                        .post("/api/shop/" + appid + "/checkout")));
            }
            for (Future<Response> f : checkouts) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        List<Response> placed =
                answers.stream().filter(r -> r.statusCode() == 201).toList();
        List<Response> refused =
                answers.stream().filter(r -> r.statusCode() == 409).toList();
        assertEquals(capacity, placed.size(), "exactly the capacity wins");
        assertEquals(racing - capacity, refused.size(), "the rest are told the quarter is full");
        String next = quarter.plus(MakeSlots.QUARTER).toString();
        refused.get(0)
                .then()
                .body("type", equalTo("https://mendian.io/problems/slot-full"))
                .body("alternatives", hasSize(3))
                .body("alternatives[0]", equalTo(next));
        Shops.member(tokens.get(0))
                .get("/api/shop/" + appid + "/stores/" + s.pickupStore() + "/order-ahead")
                .then()
                .body("slotCapacity", equalTo(capacity))
                .body("fullSlots", hasSize(1));

        // A member who cancels gives the place back, once; the next member takes it and the quarter is full again.
        String cancelled = placed.get(0).path("[0].orderNo");
        String canceller = tokens.get(answers.indexOf(placed.get(0)));
        for (int twice = 0; twice < 2; twice++) {
            Shops.member(canceller).post("/api/shop/" + appid + "/orders/" + cancelled + "/cancel");
        }
        String schema = s.brand().tenant().schema();
        assertEquals(
                (long) capacity - 1,
                Sql.scalar(data, "select taken from " + schema + ".make_slot where store_id = " + s.pickupStore()));
        String late = tokens.get(answers.indexOf(refused.get(0)));
        Shops.member(late)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(order)))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201);
        // The quote says so before anyone pays: the quarter is full again.
        Shops.member(tokens.get(answers.indexOf(refused.get(1))))
                .body(Map.of("orders", List.of(order)))
                .post("/api/shop/" + appid + "/checkout/quote")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/slot-full"));
    }

    private static Response asap(String appid, String token, long store) {
        return Shops.member(token)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(Map.of("storeId", store, "mode", "PICKUP"))))
                .post("/api/shop/" + appid + "/checkout");
    }
}
