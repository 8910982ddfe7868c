package io.mendian.promotion;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * Coupons end to end on real tokens and PostgreSQL: HQ's coupon claimed and redeemed at checkout with the price
 * explained per line, exactly-once redemption under concurrency, the budget under racing claims, store proposals
 * through HQ's approval, the stacking matrix, and coupons returning when an unpaid order is cancelled.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class CouponTest {

    static Map<String, Object> pickupWith(long store, long... coupons) {
        Map<String, Object> part = new HashMap<>(Shops.pickup(store));
        List<Long> ids = new ArrayList<>();
        for (long c : coupons) {
            ids.add(c);
        }
        part.put("couponIds", ids);
        return Map.of("orders", List.of(part));
    }

    @Test
    void aClaimedHqCouponIsRedeemedAtCheckoutWithEachLineCarryingItsShare() {
        Shop s = Shops.shop("coupon");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long template = Api.create(admin, "/api/hq/promotions/coupons", Coupons.coupon("满50减10", 1000, 5000, 100));
        String ann = Consumers.memberToken(appid, "ann");
        Shops.member(ann)
                .get("/api/shop/" + appid + "/coupons?storeId=" + s.pickupStore())
                .then()
                .statusCode(200)
                .body("find { it.templateId == " + template + " }.claimed", equalTo(0));
        long mine = Coupons.claim(appid, ann, template);
        // Per-member limit of one: a second claim is refused in words.
        Shops.member(ann)
                .header("Idempotency-Key", "claim-" + UUID.randomUUID())
                .post("/api/shop/" + appid + "/coupons/" + template + "/claim")
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("claim-limit"));

        Shops.put(appid, ann, s.pickupStore(), s.tea(), 2); // 36.00
        Shops.put(appid, ann, s.pickupStore(), s.cake(), 1); // 25.00
        var quote = Shops.member(ann)
                .body(pickupWith(s.pickupStore(), mine))
                .post("/api/shop/" + appid + "/checkout/quote")
                .then()
                .statusCode(200)
                .body("[0].pricing.itemsFen", equalTo(6100))
                .body("[0].pricing.discountFen", equalTo(1000))
                .body("[0].pricing.cashFen", equalTo(5100))
                .body("[0].pricing.refused", hasSize(0))
                .extract()
                .jsonPath();
        // 10.00 split 36:25 by largest remainder: 5.90 and 4.10.
        assertEquals(590, quote.getInt("[0].pricing.lines.find { it.skuId == " + s.tea() + " }.shares[0].fen"));
        assertEquals(410, quote.getInt("[0].pricing.lines.find { it.skuId == " + s.cake() + " }.shares[0].fen"));

        String orderNo = Shops.member(ann)
                .header("Idempotency-Key", "co-" + UUID.randomUUID())
                .body(pickupWith(s.pickupStore(), mine))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .body("[0].discountFen", equalTo(1000))
                .body("[0].totalFen", equalTo(5100))
                .body("[0].adjustments.find { it.kind == 'HQ_COUPON' }.amountFen", equalTo(-1000))
                .body("[0].pricing.discounts[0].label", equalTo("满50减10"))
                .extract()
                .path("[0].orderNo");
        Shops.member(ann)
                .get("/api/shop/" + appid + "/me/coupons?status=USED")
                .then()
                .body("items", hasSize(1))
                .body("items[0].orderNo", equalTo(orderNo));

        // The same coupon on another order is refused with the reason, and nothing is placed.
        Shops.put(appid, ann, s.pickupStore(), s.tea(), 3);
        Shops.member(ann)
                .header("Idempotency-Key", "co-" + UUID.randomUUID())
                .body(pickupWith(s.pickupStore(), mine))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("coupon-refused"))
                .body("refused[0].reason", equalTo("used"));

        // Cancelling the unpaid order gives the coupon back.
        Shops.member(ann)
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/cancel")
                .then()
                .statusCode(200);
        Shops.member(ann)
                .get("/api/shop/" + appid + "/me/coupons?status=AVAILABLE")
                .then()
                .body("items", hasSize(1));
        Api.as(admin)
                .get("/api/hq/promotions/coupons/" + template)
                .then()
                .body("issued", equalTo(1))
                .body("used", equalTo(0));
    }

    @Test
    void aReturnRefundsWhatTheReturnedUnitsCarriedAfterDiscountsAndNeverTwice() {
        Shop s = Shops.shop("couponreturn");
        String appid = s.brand().appid();
        long template = Api.create(
                s.brand().adminToken(), "/api/hq/promotions/coupons", Coupons.coupon("满50减10", 1000, 5000, 10));
        String gus = Consumers.memberToken(appid, "gus");
        long mine = Coupons.claim(appid, gus, template);
        Shops.put(appid, gus, s.pickupStore(), s.tea(), 2); // 36.00
        Shops.put(appid, gus, s.pickupStore(), s.cake(), 1); // 25.00
        String orderNo = Shops.member(gus)
                .header("Idempotency-Key", "co-" + UUID.randomUUID())
                .body(pickupWith(s.pickupStore(), mine))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].orderNo");
        Shops.pay(s.brand(), gus, orderNo);
        Shops.handOver(s, gus, orderNo);
        // The teas carry 36.00 - 5.90 = 30.10 for two: one tea back returns 15.05, not its 18.00 list price.
        Shops.member(gus)
                .body(Map.of(
                        "kind", "RETURN", "lines", List.of(Map.of("skuId", s.tea(), "quantity", 1)), "reason", "坏了"))
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/after-sales")
                .then()
                .statusCode(201)
                .body("amountFen", equalTo(1505));
        long request = ((Number) Api.as(s.brand().adminToken())
                        .get("/api/store/" + s.pickupStore() + "/after-sales?status=REQUESTED")
                        .then()
                        .extract()
                        .path("items[0].id"))
                .longValue();
        Api.as(s.brand().adminToken())
                .body(Map.of("restock", true))
                .post("/api/store/" + s.pickupStore() + "/after-sales/" + request + "/approve")
                .then()
                .statusCode(200);
        // Only one tea is left to return.
        Shops.member(gus)
                .body(Map.of(
                        "kind", "RETURN", "lines", List.of(Map.of("skuId", s.tea(), "quantity", 2)), "reason", "都坏了"))
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/after-sales")
                .then()
                .statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("invalid-refund-units"));
    }

    @Test
    void aCouponIsRedeemedExactlyOnceWhenTwoCheckoutsRaceForIt() throws Exception {
        Shop s = Shops.shop("couponrace");
        String appid = s.brand().appid();
        long template =
                Api.create(s.brand().adminToken(), "/api/hq/promotions/coupons", Coupons.coupon("立减5元", 500, 0, 100));
        String bob = Consumers.memberToken(appid, "bob");
        long mine = Coupons.claim(appid, bob, template);
        Shops.put(appid, bob, s.pickupStore(), s.tea(), 1);
        Shops.put(appid, bob, s.deliveryStore(), s.tea(), 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> both = List.of(s.pickupStore(), s.deliveryStore()).stream()
                .map(store -> (Callable<Integer>) () -> Shops.member(bob)
                        .header("Idempotency-Key", "race-" + UUID.randomUUID())
                        .body(pickupWith(store, mine))
                        .post("/api/shop/" + appid + "/checkout")
                        .statusCode())
                .toList();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(both)) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
        assertEquals(1, codes.stream().filter(c -> c == 409).count(), codes.toString());
        Shops.member(bob)
                .get("/api/shop/" + appid + "/orders")
                .then()
                .body("items", hasSize(1))
                .body("items[0].discountFen", equalTo(500));
    }

    @Test
    void racingClaimsNeverIssueMoreThanTheBudget() throws Exception {
        Shop s = Shops.shop("couponbudget");
        String appid = s.brand().appid();
        long template =
                Api.create(s.brand().adminToken(), "/api/hq/promotions/coupons", Coupons.coupon("限量5张", 300, 0, 5));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tokens.add(Consumers.memberToken(appid, "m" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Callable<Integer>> claims = tokens.stream()
                .map(t -> (Callable<Integer>) () -> Shops.member(t)
                        .header("Idempotency-Key", "claim-" + UUID.randomUUID())
                        .post("/api/shop/" + appid + "/coupons/" + template + "/claim")
                        .statusCode())
                .toList();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(claims)) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(5, codes.stream().filter(c -> c == 201).count(), codes.toString());
        assertEquals(7, codes.stream().filter(c -> c == 409).count(), codes.toString());
        Api.as(s.brand().adminToken())
                .get("/api/hq/promotions/coupons/" + template)
                .then()
                .body("issued", equalTo(5));
    }

    @Test
    void aStoreProposalWaitsForHqAndIsHonouredOnlyAtThatStore() {
        Shop s = Shops.shop("couponstore");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        Map<String, Object> body = new HashMap<>(Coupons.coupon("本店立减3元", 300, 0, 50));
        // What the store console sends: its scope is the store, whatever the form says.
        body.put("storeScope", "STORES");
        body.put("storeIds", List.of());
        var proposed = Api.as(admin)
                .body(body)
                .post("/api/store/" + s.pickupStore() + "/coupons")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("issuer", equalTo("STORE"))
                .body("storeIds", equalTo(List.of((int) s.pickupStore())))
                .extract()
                .jsonPath();
        long template = proposed.getLong("id");
        String cat = Consumers.memberToken(appid, "cat");
        Shops.member(cat)
                .header("Idempotency-Key", "claim-" + UUID.randomUUID())
                .post("/api/shop/" + appid + "/coupons/" + template + "/claim")
                .then()
                .statusCode(404);
        Api.as(admin)
                .body(Map.of("approve", false))
                .post("/api/hq/promotions/coupons/" + template + "/decision")
                .then()
                .statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("note-required"));
        Api.as(admin)
                .body(Map.of("approve", true, "note", "ok"))
                .post("/api/hq/promotions/coupons/" + template + "/decision")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("decidedBy", org.hamcrest.Matchers.notNullValue());
        Api.as(admin)
                .body(Map.of("approve", true))
                .post("/api/hq/promotions/coupons/" + template + "/decision")
                .then()
                .statusCode(409);
        long mine = Coupons.claim(appid, cat, template);
        Shops.put(appid, cat, s.deliveryStore(), s.tea(), 1);
        Shops.member(cat)
                .body(pickupWith(s.deliveryStore(), mine))
                .post("/api/shop/" + appid + "/checkout/quote")
                .then()
                .statusCode(200)
                .body("[0].pricing.discountFen", equalTo(0))
                .body("[0].pricing.refused[0].reason", equalTo("not-at-this-store"));
        // Another member's coupon id is "not yours", never used.
        String dan = Consumers.memberToken(appid, "dan");
        Shops.put(appid, dan, s.pickupStore(), s.tea(), 1);
        Shops.member(dan)
                .body(pickupWith(s.pickupStore(), mine))
                .post("/api/shop/" + appid + "/checkout/quote")
                .then()
                .body("[0].pricing.refused[0].reason", equalTo("not-yours"));
    }

    @Test
    void hqsStackingMatrixDecidesWhetherHqAndStoreCouponsCombine() {
        Shop s = Shops.shop("couponstack");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        Map<String, Object> all = new HashMap<>();
        List<String> kinds = List.of("ITEM_ACTIVITY", "FULL_REDUCTION", "HQ_COUPON", "STORE_COUPON");
        for (String k : kinds) {
            all.put(k, k.equals("HQ_COUPON") ? List.of("ITEM_ACTIVITY", "FULL_REDUCTION") : kinds);
        }
        Api.as(admin)
                .body(Map.of("combines", all, "maxHqCoupons", 1, "maxStoreCoupons", 1, "storeApproval", "AUTO"))
                .put("/api/hq/promotions/policy")
                .then()
                .statusCode(200)
                .body("combines.STORE_COUPON", hasSize(3))
                .body("storeApproval", equalTo("AUTO"));
        Api.as(admin)
                .body(Map.of(
                        "combines",
                        Map.of("BOGUS", List.of()),
                        "maxHqCoupons",
                        1,
                        "maxStoreCoupons",
                        1,
                        "storeApproval",
                        "AUTO"))
                .put("/api/hq/promotions/policy")
                .then()
                .statusCode(422);
        long hq = Api.create(admin, "/api/hq/promotions/coupons", Coupons.coupon("HQ 5元", 500, 0, 10));
        long store = ((Number) Api.as(admin)
                        .body(Coupons.coupon("店 2元", 200, 0, 10))
                        .post("/api/store/" + s.pickupStore() + "/coupons")
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("ACTIVE"))
                        .extract()
                        .path("id"))
                .longValue();
        String eve = Consumers.memberToken(appid, "eve");
        long a = Coupons.claim(appid, eve, hq);
        long b = Coupons.claim(appid, eve, store);
        Shops.put(appid, eve, s.pickupStore(), s.cake(), 1);
        Shops.member(eve)
                .body(pickupWith(s.pickupStore(), b, a))
                .post("/api/shop/" + appid + "/checkout/quote")
                .then()
                .statusCode(200)
                .body("[0].pricing.discountFen", equalTo(500))
                .body("[0].pricing.refused[0].id", equalTo(String.valueOf(b)))
                .body("[0].pricing.refused[0].reason", equalTo("not-combinable:HQ_COUPON"));
    }
}
