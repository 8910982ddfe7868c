package io.mendian.devrun;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Customers of the demo brand order at SH-001 through the same APIs the storefront uses, and the store works some of
 * them, so that every column of the store console's queue, the day report and HQ's dashboard hold something.
 */
final class DemoOrders {

    /** The launcher's HTTP call: method, path, bearer token (or null), JSON body (or null). */
    interface Api {
        JsonNode send(String method, String path, String token, Object body) throws Exception;
    }

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long STORE = 1;

    private final Api api;
    private static final int SLOT_CAPACITY = 6;

    private final String appid;

    DemoOrders(Api api, String appid) {
        this.api = api;
        this.appid = appid;
    }

    /**
     * Places the orders and walks them to their steps; returns a line for the banner. {@code staff} works SH-001,
     * {@code hq} the other stores.
     */
    String place(String staff, String hq) throws Exception {
        String shop = "/api/shop/" + appid;
        // Each customer: where, what they buy, and how far the store has got with it. Alice first completes an order
        // at SH-002 (People's Square), earning points she can spend at SH-001.
        record Plan(String customer, long storeId, List<Long> skus, String upTo) {}
        List<Plan> plans = List.of(
                new Plan("alice", 2, List.of(1L, 3L), "COMPLETED"),
                new Plan("alice", STORE, List.of(1L, 2L), "PAID"),
                new Plan("bob", STORE, List.of(3L), "PREPARING"),
                new Plan("carol", STORE, List.of(1L, 4L), "READY"),
                new Plan("dave", STORE, List.of(2L), "COMPLETED"),
                new Plan("erin", STORE, List.of(5L), "PENDING_PAYMENT"),
                // Order ahead (the cafe template turns it on): "as soon as possible", with queue numbers in the make
                // queue.
                new Plan("gina", STORE, List.of(1L), "ASAP:ACCEPTED"),
                new Plan("hank", STORE, List.of(2L, 3L), "ASAP:PAID"));
        boolean asapSkipped = false;
        for (Plan plan : plans) {
            String store = "/api/store/" + plan.storeId();
            String worker = plan.storeId() == STORE ? staff : hq;
            String me = signIn(plan.customer());
            for (long sku : plan.skus()) {
                api.send("PUT", shop + "/cart/stores/" + plan.storeId() + "/items/" + sku, me, Map.of("quantity", 1));
            }
            boolean asap = plan.upTo().startsWith("ASAP:");
            String upTo = asap ? plan.upTo().substring(5) : plan.upTo();
            Map<String, Object> part = asap
                    ? Map.of("storeId", plan.storeId(), "mode", "PICKUP")
                    : Map.of("storeId", plan.storeId(), "mode", "PICKUP", "pickupAt", pickupAt());
            String orderNo;
            try {
                orderNo = api.send("POST", shop + "/checkout", me, Map.of("orders", List.of(part)))
                        .path(0)
                        .path("orderNo")
                        .asText();
            } catch (IllegalStateException closed) {
                if (!asap) {
                    throw closed;
                }
                asapSkipped = true; // "as soon as possible" only while SH-001 is open (07:30-22:00 Shanghai)
                continue;
            }
            if (upTo.equals("PENDING_PAYMENT")) {
                continue;
            }
            pay(me, orderNo);
            for (String step : List.of("accept", "prepare", "ready")) {
                if (upTo.equals("PAID")
                        || (upTo.equals("ACCEPTED") && !step.equals("accept"))
                        || (upTo.equals("PREPARING") && step.equals("ready"))) {
                    break;
                }
                api.send("POST", store + "/orders/" + orderNo + "/" + step, worker, null);
            }
            if (upTo.equals("COMPLETED")) {
                String pickup = api.send("GET", shop + "/orders/" + orderNo, me, null)
                        .path("pickupCode")
                        .asText();
                api.send("POST", store + "/pickups", worker, Map.of("code", pickup));
            }
        }
        // The rush is capped: at most six pickup orders per store and quarter of an hour (HQ's 提前点单 page).
        api.send(
                "PUT",
                "/api/hq/order-ahead",
                hq,
                Map.of("enabled", true, "prepMinutes", 4, "lanes", 2, "slotCapacity", SLOT_CAPACITY));
        return "   Orders at SH-001: one new, one preparing, one ready, one handed over, one waiting for payment"
                + " (customers alice, bob, carol, dave, erin); alice earned points at SH-002 to spend at SH-001\n"
                + (asapSkipped
                        ? "   Order ahead at SH-001 (制作队列): queue numbers on today's paid orders; SH-001 is closed now, so"
                                + " no \"as soon as possible\" orders were placed"
                        : "   Order ahead at SH-001 (制作队列): gina's and hank's \"as soon as possible\" orders with"
                                + " queue numbers")
                + "; each store takes at most " + SLOT_CAPACITY + " pickup orders per 15 minutes (HQ 提前点单)";
    }

    /**
     * A two-person group buy on the tall flat white (SKU 7) at every store, and a team at SH-001 that frank opened
     * and paid for: a visitor joins it from the store page (拼团) and it forms when they pay.
     */
    String groupBuy(String hq) throws Exception {
        Instant now = Instant.now();
        Map<String, Object> buy = new HashMap<>();
        buy.put("name", "双人拼团：馥芮白");
        buy.put("skuId", 7);
        buy.put("priceFen", 1990);
        buy.put("groupSize", 2);
        buy.put("hours", 24);
        buy.put("storeIds", List.of());
        buy.put("startsAt", now.minus(1, ChronoUnit.MINUTES).toString());
        buy.put("endsAt", now.plus(14, ChronoUnit.DAYS).toString());
        long id = api.send("POST", "/api/hq/promotions/group-buys", hq, buy)
                .path("id")
                .asLong();
        String frank = signIn("frank");
        String orderNo = api.send(
                        "POST",
                        "/api/shop/" + appid + "/checkout/group-buy",
                        frank,
                        Map.of(
                                "groupBuyId",
                                id,
                                "order",
                                Map.of("storeId", STORE, "mode", "PICKUP", "pickupAt", pickupAt())))
                .path("orderNo")
                .asText();
        pay(frank, orderNo);
        return "   Group buy: 双人拼团：馥芮白 at every store; frank's team at SH-001 waits for one more (store page → 拼团)";
    }

    private String signIn(String customer) throws Exception {
        String code = api.send(
                        "POST", "/sandbox/wechat/open/test/apps/" + appid + "/js-codes?user=" + customer, null, null)
                .path("code")
                .asText();
        return api.send("POST", "/api/shop/" + appid + "/session", null, Map.of("code", code))
                .path("accessToken")
                .asText();
    }

    /**
     * Three top-up plans, and alice's paid "pay 300, get 40": she can pay with stored value at checkout (使用储值余额)
     * and see principal and gift apart in 会员 → 储值卡.
     */
    String storedValue(String hq) throws Exception {
        long[] plans = new long[3];
        long[][] terms = {{10_000, 1_000}, {30_000, 4_000}, {50_000, 8_000}};
        for (int i = 0; i < 3; i++) {
            plans[i] = api.send(
                            "POST",
                            "/api/hq/members/topup-plans",
                            hq,
                            Map.of(
                                    "name",
                                    "充" + terms[i][0] / 100 + "送" + terms[i][1] / 100,
                                    "payFen",
                                    terms[i][0],
                                    "giftFen",
                                    terms[i][1],
                                    "sort",
                                    i))
                    .path("id")
                    .asLong();
        }
        String alice = signIn("alice");
        String topup = api.send("POST", "/api/shop/" + appid + "/topups", alice, Map.of("planId", plans[1]))
                .path("topupNo")
                .asText();
        String prepay = api.send("POST", "/api/shop/" + appid + "/topups/" + topup + "/payment", alice, null)
                .path("package")
                .asText()
                .replace("prepay_id=", "");
        api.send("POST", "/sandbox/wechat/pay/test/prepays/" + prepay + "/pay", null, null);
        return "   Stored value: plans 充100送10, 充300送40, 充500送80; alice topped up 300 and holds ¥340 (会员 → 储值卡)";
    }

    private void pay(String me, String orderNo) throws Exception {
        String shop = "/api/shop/" + appid;
        String prepay = api.send("POST", shop + "/orders/" + orderNo + "/payment", me, null)
                .path("package")
                .asText()
                .replace("prepay_id=", "");
        api.send("POST", "/sandbox/wechat/pay/test/prepays/" + prepay + "/pay", null, null);
        awaitPaid(shop, me, orderNo);
    }

    private void awaitPaid(String shop, String token, String orderNo) throws Exception {
        for (int i = 0; i < 80; i++) {
            if ("PAID"
                    .equals(api.send("GET", shop + "/orders/" + orderNo, token, null)
                            .path("status")
                            .asText())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("demo order " + orderNo + " was not marked paid");
    }

    /** Half an hour from now while SH-001 is open (07:30-22:00 Shanghai), else tomorrow at 10:00. */
    private static String pickupAt() {
        ZonedDateTime soon = ZonedDateTime.now(SHANGHAI).plusMinutes(30);
        LocalTime time = soon.toLocalTime();
        ZonedDateTime at = time.isAfter(LocalTime.of(8, 0)) && time.isBefore(LocalTime.of(21, 30))
                ? soon
                : LocalDate.now(SHANGHAI)
                        .plusDays(time.isBefore(LocalTime.of(8, 0)) ? 0 : 1)
                        .atTime(10, 0)
                        .atZone(SHANGHAI);
        return at.toInstant().toString();
    }
}
