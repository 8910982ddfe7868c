package io.mendian.membership;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.membership.points.PointsExpiry;
import io.mendian.tenancy.Tenants;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One membership across stores (H6, C6): points earned at one store are spent at another, given back when an unpaid
 * order is cancelled, never overdrawn by racing checkouts, expire once, and the balance always equals its ledger.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class PointsTest {

    @Inject
    DataSource data;

    @Inject
    PointsExpiry expiry;

    @Inject
    Tenants tenants;

    private static Map<String, Object> pickupWithPoints(long store, long points) {
        Map<String, Object> part = new HashMap<>(Shops.pickup(store));
        part.put("points", points);
        return Map.of("orders", List.of(part));
    }

    private static long balance(String appid, String token) {
        return ((Number) Shops.member(token)
                        .get("/api/shop/" + appid + "/me/points")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("balance"))
                .longValue();
    }

    private static void tenPointsPerYuan(String admin) {
        Api.as(admin)
                .body(Map.of("earnPerYuan", 10, "redeemPointsPerYuan", 100, "maxRedeemPercent", 50, "expiryMonths", 12))
                .put("/api/hq/members/points-rule")
                .then()
                .statusCode(200)
                .body("earnPerYuan", equalTo(10));
    }

    private void balanceMatchesLedger(Shop s) {
        String schema = s.brand().tenant().schema();
        assertEquals(
                0,
                Sql.scalar(
                        data,
                        "select count(*) from " + schema + ".points_account a where a.balance <> (select coalesce(sum("
                                + "delta), 0) from " + schema + ".points_ledger l where l.member_id = a.member_id)"),
                "every balance equals the sum of its ledger");
    }

    @Test
    void pointsEarnedAtOneStoreAreSpentAtAnotherAndComeBackWhenTheOrderIsCancelled() {
        Shop s = Shops.shop("points");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        tenPointsPerYuan(admin);
        String ivy = Consumers.memberToken(appid, "ivy");
        // Store B (the delivery store, here for pickup): a cake, 25.00, earns 250 points on completion.
        Shops.put(appid, ivy, s.deliveryStore(), s.cake(), 1);
        String first = Shops.checkoutPickup(appid, ivy, s.deliveryStore());
        Shops.pay(s.brand(), ivy, first);
        Shops.handOver(s, ivy, first, s.deliveryStore());
        Eventually.holds(Duration.ofSeconds(20), () -> assertEquals(250, balance(appid, ivy)));

        // Store A: a tea, 18.00, paying 2.00 with 200 points.
        Shops.put(appid, ivy, s.pickupStore(), s.tea(), 1);
        var quote = Shops.member(ivy)
                .body(pickupWithPoints(s.pickupStore(), 200))
                .post("/api/shop/" + appid + "/checkout/quote")
                .then()
                .statusCode(200)
                .body("[0].pricing.pointsUsed", equalTo(200))
                .body("[0].pricing.pointsFen", equalTo(200))
                .body("[0].pricing.cashFen", equalTo(1600))
                .extract()
                .jsonPath();
        assertEquals(200, quote.getInt("[0].pricing.lines[0].points"));
        String second = Shops.member(ivy)
                .header("Idempotency-Key", "co-" + UUID.randomUUID())
                .body(pickupWithPoints(s.pickupStore(), 200))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .body("[0].totalFen", equalTo(1600))
                .body("[0].adjustments.find { it.kind == 'POINTS' }.amountFen", equalTo(-200))
                .extract()
                .path("[0].orderNo");
        assertEquals(50, balance(appid, ivy));
        Shops.member(ivy)
                .get("/api/shop/" + appid + "/me/points")
                .then()
                .body("ledger.items[0].kind", equalTo("SPEND"))
                .body("ledger.items[0].delta", equalTo(-200))
                .body("ledger.items[1].kind", equalTo("EARN"))
                .body("ledger.items[1].storeId", equalTo((int) s.deliveryStore()));

        Shops.member(ivy)
                .post("/api/shop/" + appid + "/orders/" + second + "/cancel")
                .then()
                .statusCode(200);
        assertEquals(250, balance(appid, ivy));
        balanceMatchesLedger(s);
    }

    @Test
    void refundingPartOfACompletedOrderTakesBackWhatThatPartEarned() {
        Shop s = Shops.shop("pointsrefund");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        tenPointsPerYuan(admin);
        String leo = Consumers.memberToken(appid, "leo");
        Shops.put(appid, leo, s.pickupStore(), s.cake(), 1);
        String orderNo = Shops.checkoutPickup(appid, leo, s.pickupStore());
        Shops.pay(s.brand(), leo, orderNo);
        Shops.handOver(s, leo, orderNo);
        Eventually.holds(Duration.ofSeconds(20), () -> assertEquals(250, balance(appid, leo)));
        // HQ refunds 10.00 of the 25.00: the 100 points those 10 yuan earned go back.
        Api.as(admin)
                .body(Map.of("amountFen", 1000, "reason", "少了一块"))
                .post("/api/hq/orders/" + orderNo + "/refunds")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        Eventually.holds(Duration.ofSeconds(30), () -> assertEquals(150, balance(appid, leo)));
        Shops.member(leo)
                .get("/api/shop/" + appid + "/me/points")
                .then()
                .body("ledger.items[0].kind", equalTo("REVERSE"))
                .body("ledger.items[0].delta", equalTo(-100));
        balanceMatchesLedger(s);
    }

    @Test
    void pointsThatPayAWholeOrderPayItAtOnceAndComeBackWhenItIsCancelled() {
        Shop s = Shops.shop("pointsall");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        Api.as(admin)
                .body(Map.of("earnPerYuan", 1, "redeemPointsPerYuan", 100, "maxRedeemPercent", 100, "expiryMonths", 12))
                .put("/api/hq/members/points-rule")
                .then()
                .statusCode(200);
        String kim = Consumers.memberToken(appid, "kim");
        long member = Consumers.memberId(appid, kim);
        Api.as(admin)
                .body(Map.of("delta", 2000, "reason", "loyal customer"))
                .post("/api/hq/members/" + member + "/points/adjustments")
                .then()
                .statusCode(200);
        // A tea, 18.00, paid entirely with 1,800 points: nothing for WeChat Pay, so the order is paid at once.
        Shops.put(appid, kim, s.pickupStore(), s.tea(), 1);
        String orderNo = Shops.member(kim)
                .header("Idempotency-Key", "all-" + UUID.randomUUID())
                .body(pickupWithPoints(s.pickupStore(), 1800))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .body("[0].totalFen", equalTo(0))
                .body("[0].status", equalTo("PAID"))
                .body("[0].pickupCode", org.hamcrest.Matchers.notNullValue())
                .extract()
                .path("[0].orderNo");
        assertEquals(200, balance(appid, kim));
        Api.as(admin)
                .get("/api/store/" + s.pickupStore() + "/orders")
                .then()
                .body("items.orderNo", org.hamcrest.Matchers.hasItem(orderNo));
        // Cancelled before the store accepts it: the points come back and no money moves.
        Shops.member(kim)
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertEquals(2000, balance(appid, kim));
        assertEquals(
                0,
                Sql.scalar(
                        data,
                        "select count(*) from " + s.brand().tenant().schema() + ".refund where order_no = '" + orderNo
                                + "'"));
        balanceMatchesLedger(s);
    }

    @Test
    void racingCheckoutsNeverSpendMorePointsThanTheMemberHas() throws Exception {
        Shop s = Shops.shop("pointsrace");
        String appid = s.brand().appid();
        String jon = Consumers.memberToken(appid, "jon");
        long member = Consumers.memberId(appid, jon);
        Api.as(s.brand().adminToken())
                .body(Map.of("delta", 300, "reason", "welcome"))
                .post("/api/hq/members/" + member + "/points/adjustments")
                .then()
                .statusCode(200)
                .body("balance", equalTo(300));
        Shops.put(appid, jon, s.pickupStore(), s.tea(), 1);
        Shops.put(appid, jon, s.deliveryStore(), s.tea(), 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> both = List.of(s.pickupStore(), s.deliveryStore()).stream()
                .map(store -> (Callable<Integer>) () -> Shops.member(jon)
                        .header("Idempotency-Key", "race-" + UUID.randomUUID())
                        .body(pickupWithPoints(store, 200))
                        .post("/api/shop/" + appid + "/checkout")
                        .statusCode())
                .toList();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(both)) {
            codes.add(f.get());
        }
        pool.shutdown();
        // Either both overlap (each priced 200 of 300; the second spend finds 100 left and its checkout rolls back
        // with 409) or the second came after the first and priced only the 100 left. Never more than 300 spent.
        List<Integer> orderPoints = Shops.member(jon)
                .get("/api/shop/" + appid + "/orders")
                .then()
                .extract()
                .jsonPath()
                .getList(
                        "items.collect { o -> o.adjustments.findAll { it.kind == 'POINTS' }.sum { -it.amountFen } ?: 0 }",
                        Integer.class);
        long spent = orderPoints.stream().mapToLong(Integer::longValue).sum();
        assertEquals(codes.stream().filter(c -> c == 201).count(), orderPoints.size(), codes.toString());
        boolean overlapped = codes.stream().sorted().toList().equals(List.of(201, 409));
        boolean oneAfterTheOther = codes.equals(List.of(201, 201));
        org.junit.jupiter.api.Assertions.assertTrue(
                (overlapped && spent == 200) || (oneAfterTheOther && spent == 300), codes + " spent " + spent);
        assertEquals(300 - spent, balance(appid, jon));
        // Taking more than there is by hand is refused too.
        Api.as(s.brand().adminToken())
                .body(Map.of("delta", -1000, "reason", "oops"))
                .post("/api/hq/members/" + member + "/points/adjustments")
                .then()
                .statusCode(409);
        balanceMatchesLedger(s);
    }

    @Test
    void expiredPointsLeaveTheBalanceOnceAndStayInTheLedger() {
        Shop s = Shops.shop("pointsexpiry");
        String appid = s.brand().appid();
        String kim = Consumers.memberToken(appid, "kim");
        long member = Consumers.memberId(appid, kim);
        for (int delta : List.of(100, 40)) {
            Api.as(s.brand().adminToken())
                    .body(Map.of("delta", delta, "reason", "gift"))
                    .post("/api/hq/members/" + member + "/points/adjustments")
                    .then()
                    .statusCode(200);
        }
        String schema = s.brand().tenant().schema();
        Sql.execute(
                data,
                "update " + schema + ".points_ledger set expires_at = now() - interval '1 day' where delta = 100");
        assertEquals(
                1, (int) tenants.runAs(s.brand().tenant(), (java.util.function.Supplier<Integer>) expiry::expireAll));
        assertEquals(
                0, (int) tenants.runAs(s.brand().tenant(), (java.util.function.Supplier<Integer>) expiry::expireAll));
        assertEquals(40, balance(appid, kim));
        Shops.member(kim)
                .get("/api/shop/" + appid + "/me/points")
                .then()
                .body("ledger.items[0].kind", equalTo("EXPIRE"))
                .body("ledger.items[0].delta", equalTo(-100));
        balanceMatchesLedger(s);
    }
}
