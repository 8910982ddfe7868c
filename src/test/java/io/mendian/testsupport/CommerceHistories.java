package io.mendian.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import io.mendian.testsupport.Shops.Shop;
import io.restassured.response.Response;

/**
 * Randomized commerce histories, shared by the in-process test and the crash test: what one client does (check out
 * a hot SKU, then pay, pay and cancel, cancel, or walk away) and the invariants every history must leave behind.
 */
public final class CommerceHistories {

    private CommerceHistories() {}

    /**
     * Threads for concurrent shoppers: platform threads, not virtual ones. RestAssured evaluates every JSON path by
     * compiling a Groovy script, and a virtual thread blocked while another initialises a class stays pinned to its
     * carrier; with two cores both carriers were once pinned that way and a whole history stood still (no CPU, no
     * request) until the build timed out.
     */
    public static ExecutorService clients() {
        return Executors.newCachedThreadPool();
    }

    /** Receives {@code stock - 5} more of both SKUs at the pickup store (the shop starts with 5) and signs in members. */
    public static List<String> prepare(Shop s, int stock, int clients, String prefix) {
        Api.as(s.brand().adminToken())
                .body(Map.of(
                        "lines",
                        List.of(
                                Map.of("skuId", s.tea(), "quantity", stock - 5),
                                Map.of("skuId", s.cake(), "quantity", stock - 5))))
                .post("/api/store/" + s.pickupStore() + "/stock/receipts")
                .then()
                .statusCode(201);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            members.add(Consumers.memberToken(s.brand().appid(), prefix + i));
        }
        return members;
    }

    /** One client's move: check out one or two units of a hot SKU, then pay, pay and cancel, cancel, or walk away. */
    public static void act(Shop s, String member, String subMchid, AtomicLong operations) {
        String appid = s.brand().appid();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long sku = random.nextBoolean() ? s.tea() : s.cake();
        int quantity = 1 + random.nextInt(2);
        Response put = patiently(() -> Shops.member(member)
                .body(Map.of("quantity", quantity))
                .put("/api/shop/" + appid + "/cart/stores/" + s.pickupStore() + "/items/" + sku));
        assertEquals(200, put.statusCode(), "put in the cart: " + put.asString());
        String key = "h-" + UUID.randomUUID(); // the same key on a retry: one checkout however often it is sent
        Map<String, Object> order = Shops.pickup(s.pickupStore());
        Response checkout = patiently(() -> Shops.member(member)
                .header("Idempotency-Key", key)
                .body(Map.of("orders", List.of(order)))
                .post("/api/shop/" + appid + "/checkout"));
        operations.incrementAndGet();
        assertTrue(checkout.statusCode() == 201 || checkout.statusCode() == 409, checkout.asString());
        if (checkout.statusCode() != 201) {
            Shops.member(member).delete("/api/shop/" + appid + "/cart/stores/" + s.pickupStore());
            return;
        }
        String orderNo = checkout.path("[0].orderNo");
        int move = random.nextInt(10);
        if (move < 2) {
            cancel(appid, member, orderNo, operations);
            return;
        }
        if (move < 4) {
            return; // walks away: the order expires
        }
        Response start =
                patiently(() -> Shops.member(member).post("/api/shop/" + appid + "/orders/" + orderNo + "/payment"));
        operations.incrementAndGet();
        assertEquals(200, start.statusCode(), start.asString());
        boolean callback = move != 4; // one in ten payments loses WeChat Pay's callback
        String outTradeNo = start.path("outTradeNo");
        // The phone asks WeChat again when WeChat is busy, as the WeChat client does.
        Response paid = patiently(() -> io.restassured.RestAssured.given()
                .queryParam("sub_mchid", subMchid)
                .queryParam("notify", callback)
                .post("/sandbox/wechat/pay/test/transactions/" + outTradeNo + "/pay"));
        assertEquals(200, paid.statusCode(), "the customer paid " + orderNo + ": " + paid.asString());
        operations.incrementAndGet();
        if (move >= 8) {
            // Paid, then cancelled before the store accepts: refunded (racing the callback when it is in flight).
            cancel(appid, member, orderNo, operations);
        }
    }

    private static void cancel(String appid, String member, String orderNo, AtomicLong operations) {
        int status = patiently(() -> Shops.member(member).post("/api/shop/" + appid + "/orders/" + orderNo + "/cancel"))
                .statusCode();
        operations.incrementAndGet();
        assertTrue(status == 200 || status == 409, "cancel answered " + status);
    }

    /**
     * What a real client does with 503 (busy, a dependency away) or a 409 asking to try again: waits as Retry-After
     * says and sends the same request again. A restarted instance meets every paused client at once with a cold JIT, and may be busy for a moment.
     */
    private static Response patiently(java.util.function.Supplier<Response> request) {
        Response response = request.get();
        for (int attempt = 0; busy(response) && attempt < 10; attempt++) {
            String after = response.header("Retry-After");
            long seconds = after != null && after.matches("\\d{1,3}") ? Long.parseLong(after) : 1;
            try {
                Thread.sleep(Math.min(seconds, 2) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
            response = request.get();
        }
        return response;
    }

    /** 503 (busy, a dependency away, the brand moving) or a 409 that says to try again. */
    private static boolean busy(Response response) {
        return response.statusCode() == 503
                || (response.statusCode() == 409 && response.asString().contains("try again"));
    }

    /** Waits until every refund is confirmed by WeChat Pay and every event of the brand has left the outbox. */
    public static void awaitSettled(DataSource data, Shop s) {
        String schema = s.brand().tenant().schema();
        Eventually.isTrue(
                Duration.ofSeconds(120),
                () -> Sql.scalar(data, "select count(*) from " + schema + ".refund where status <> 'SUCCESS'") == 0);
        Eventually.isTrue(
                Duration.ofSeconds(60),
                () -> Sql.scalar(
                                data,
                                "select count(*) from platform.outbox where tenant_id = '"
                                        + s.brand().slug() + "' and published_at is null")
                        == 0);
    }

    /**
     * The books balance after a history: nothing oversold or negative, the ledger sums to the stock rows, every hold
     * settled once, every paid order paid exactly once, every refund reversed once, and GMV events agree.
     */
    public static void check(DataSource data, Shop s, int stock) {
        check(data, List.of(data), s, stock);
    }

    /**
     * {@link #check(DataSource, Shop, int)} for a brand whose schema is on {@code data} while its events were written
     * on several servers' outboxes (it moved between shards during the history).
     */
    public static void check(DataSource data, List<DataSource> outboxes, Shop s, int stock) {
        String schema = s.brand().tenant().schema();
        java.util.function.ToLongFunction<String> q = sql -> Sql.scalar(data, sql);
        String store = String.valueOf(s.pickupStore());
        System.out.printf(
                "HISTORY %s: orders paid %d, cancelled %d, expired %d; refunds %d; paid transitions %d%n",
                s.brand().slug(),
                q.applyAsLong("select count(*) from " + schema + ".customer_order where status = 'PAID'"),
                q.applyAsLong("select count(*) from " + schema + ".customer_order where status = 'CANCELLED'"),
                q.applyAsLong("select count(*) from " + schema + ".customer_order where status = 'EXPIRED'"),
                q.applyAsLong("select count(*) from " + schema + ".refund where status = 'SUCCESS'"),
                q.applyAsLong("select count(*) from " + schema + ".order_event where status = 'PAID' and actor like "
                        + "'wechat-pay:%' and order_id in (select id from " + schema + ".customer_order)"));
        // Never oversold, never negative (the constraints say so; the ledger must agree).
        assertEquals(
                0,
                q.applyAsLong("select count(*) from " + schema + ".stock where on_hand < 0 or reserved < 0 or "
                        + "reserved > on_hand"));
        assertEquals(
                0,
                q.applyAsLong("select count(*) from " + schema + ".stock s where s.on_hand <> (select coalesce(sum("
                        + "on_hand_delta), 0) from " + schema
                        + ".stock_movement m where m.store_id = s.store_id and m.sku_id = "
                        + "s.sku_id) or s.reserved <> (select coalesce(sum(reserved_delta), 0) from " + schema
                        + ".stock_movement m where m.store_id = s.store_id and m.sku_id = s.sku_id)"),
                "the ledger sums to the stock");
        assertEquals(
                0,
                q.applyAsLong("select count(*) from (select o.id, sum(l.quantity) q from " + schema
                        + ".customer_order o join " + schema + ".order_line l on l.order_id = o.id where o.store_id = "
                        + store
                        + " and o.status not in ('CANCELLED', 'EXPIRED') group by o.id) x where q > " + stock),
                "no order holds more than there was");
        for (long sku : List.of(s.tea(), s.cake())) {
            long sold = q.applyAsLong("select coalesce(sum(l.quantity), 0) from " + schema + ".customer_order o join "
                    + schema
                    + ".order_line l on l.order_id = o.id where o.store_id = " + store + " and l.sku_id = " + sku
                    + " and o.status not in ('CANCELLED', 'EXPIRED')");
            assertTrue(sold <= stock, "oversold SKU " + sku + ": " + sold + " of " + stock);
            assertEquals(
                    sold,
                    q.applyAsLong("select reserved from " + schema + ".stock where store_id = " + store
                            + " and sku_id = " + sku),
                    "every live order holds its goods, and nothing else is held");
        }
        // Every hold settled at most once, and only open holds belong to live orders.
        assertEquals(
                0,
                q.applyAsLong("select count(*) from (select reference from " + schema + ".stock_movement where kind in "
                        + "('RELEASE', 'COMMIT') group by reference, sku_id having count(*) > 1) x"),
                "a hold settled twice");
        assertEquals(
                0,
                q.applyAsLong("select count(*) from " + schema + ".customer_order o join " + schema
                        + ".stock_reservation r on r.id = o.reservation_id where (o.status in ('CANCELLED', 'EXPIRED') and "
                        + "r.status <> 'RELEASED') or (o.status = 'PAID' and r.status <> 'HELD')"));
        assertEquals(
                0,
                q.applyAsLong("select count(*) from " + schema + ".customer_order where status = 'PENDING_PAYMENT'"),
                "every order ended or was paid");
        // Paid exactly once; every paid-then-cancelled order refunded once, in full.
        assertEquals(
                0,
                q.applyAsLong("select count(*) from " + schema + ".customer_order o where o.status = 'PAID' and "
                        + "(select count(*) from " + schema
                        + ".payment p where p.order_no = o.order_no and p.status = 'PAID') <> 1"));
        assertEquals(
                0,
                q.applyAsLong("select count(*) from " + schema + ".customer_order o where o.status = 'EXPIRED' and "
                        + "exists (select 1 from " + schema
                        + ".payment p where p.order_no = o.order_no and p.status = 'PAID')"),
                "no expired order was paid");
        assertEquals(
                0,
                q.applyAsLong("select count(*) from " + schema + ".payment p where p.status = 'PAID' and exists "
                        + "(select 1 from " + schema + ".customer_order o where o.order_no = p.order_no and o.status = "
                        + "'CANCELLED') and (select coalesce(sum(amount_fen), 0) from " + schema
                        + ".refund r where r.payment_id = "
                        + "p.id and r.status = 'SUCCESS') <> p.amount_fen"),
                "a cancelled paid order is refunded in full, once");
        assertEquals(
                q.applyAsLong("select count(*) from " + schema + ".refund where status = 'SUCCESS'"),
                q.applyAsLong("select count(*) from " + schema + ".order_event where status = 'REFUNDED'"),
                "every refund reversed once");
        long gmv = outboxes.stream()
                .mapToLong(outbox -> Sql.scalar(
                        outbox,
                        "select coalesce(sum((payload->>'value')::bigint), 0) from platform.outbox where tenant_id = '"
                                + s.brand().slug() + "' and payload->>'metric' = 'GMV_FEN'"))
                .sum();
        assertEquals(
                q.applyAsLong("select coalesce(sum(amount_fen), 0) from " + schema + ".payment where status = 'PAID'")
                        - q.applyAsLong("select coalesce(sum(amount_fen), 0) from " + schema
                                + ".refund where status = 'SUCCESS'"),
                gmv,
                "GMV events equal what was paid less what was refunded");
    }
}
