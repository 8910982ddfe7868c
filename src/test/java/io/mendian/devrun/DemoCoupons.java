package io.mendian.devrun;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo brand's marketing: 10 points per yuan, two HQ coupons running, SH-001's own coupon approved by HQ, SH-002's proposal waiting for
 * HQ, and customer alice holding the HQ coupon, so that the storefront's checkout explains a discounted price; a live
 * and a coming flash sale.
 */
final class DemoCoupons {

    private final DemoOrders.Api api;
    private final String appid;

    DemoCoupons(DemoOrders.Api api, String appid) {
        this.api = api;
        this.appid = appid;
    }

    /** Creates the coupons; returns a line for the banner. */
    String seed(String hq, String managerSh001, String hqForSh002) throws Exception {
        // 10 points per yuan, 100 points pay a yuan: a coffee earns enough to see points pay part of the next one.
        api.send(
                "PUT",
                "/api/hq/members/points-rule",
                hq,
                Map.of("earnPerYuan", 10, "redeemPointsPerYuan", 100, "maxRedeemPercent", 50, "expiryMonths", 12));
        long welcome = create(hq, "/api/hq/promotions/coupons", coupon("新会员立减5元", 500, 0, "ALL"));
        create(hq, "/api/hq/promotions/coupons", coupon("满50减8", 800, 5000, "ALL"));
        long own = create(managerSh001, "/api/store/1/coupons", coupon("静安寺店满30减3", 300, 3000, "STORES"));
        api.send("POST", "/api/hq/promotions/coupons/" + own + "/decision", hq, Map.of("approve", true, "note", "同意"));
        create(hqForSh002, "/api/store/2/coupons", coupon("人民广场店第二杯立减6元", 600, 3000, "STORES"));
        String code = api.send("POST", "/sandbox/wechat/open/test/apps/" + appid + "/js-codes?user=alice", null, null)
                .path("code")
                .asText();
        String alice = api.send("POST", "/api/shop/" + appid + "/session", null, Map.of("code", code))
                .path("accessToken")
                .asText();
        api.send("POST", "/api/shop/" + appid + "/coupons/" + welcome + "/claim", alice, null);
        flashSales(hq);
        pointsMall(hq);
        levels(hq);
        create(
                hq,
                "/api/hq/promotions/full-reductions",
                Map.of(
                        "name",
                        "满50减5，满100减12",
                        "tiers",
                        List.of(
                                Map.of("thresholdFen", 5000, "offFen", 500),
                                Map.of("thresholdFen", 10000, "offFen", 1200)),
                        "startsAt",
                        Instant.now().minus(1, ChronoUnit.MINUTES).toString(),
                        "endsAt",
                        Instant.now().plus(60, ChronoUnit.DAYS).toString()));
        return "   Coupons: two HQ coupons, SH-001's own (approved), SH-002's proposal waiting for HQ in 营销中心;"
                + " alice holds 新会员立减5元\n   Flash sales: 拿铁限时秒杀 live now at every store (store page → 限时秒杀),"
                + " 下午茶蛋挞秒杀 starting in two hours\n   Points mall: a ¥5 coupon for 300 points and an egg tart for 800"
                + " (storefront 会员 → 积分商城)\n   Levels: 普通会员, 银卡 (200 growth, 9.8折), 金卡 (1,000: 9.5折, free"
                + " delivery, a birthday coupon), 黑金 (5,000: 9折)\n   Full reduction: 满50减5，满100减12 at every store";
    }

    /**
     * The points mall: a ¥5 coupon for 300 points, and goods as an exchange coupon (the egg tart, SKU 41, ¥10.00 off
     * that SKU only) for 800 points. Neither coupon can be claimed for free.
     */
    private void pointsMall(String hq) throws Exception {
        Map<String, Object> five = coupon("积分专享5元券", 500, 0, "ALL");
        five.put("claimable", false);
        long fiveId = create(hq, "/api/hq/promotions/coupons", five);
        Map<String, Object> tart = coupon("蛋挞兑换券", 1000, 0, "ALL");
        tart.put("claimable", false);
        tart.put("skuIds", List.of(41));
        tart.put("description", "兑换一个葡式蛋挞");
        long tartId = create(hq, "/api/hq/promotions/coupons", tart);
        create(hq, "/api/hq/promotions/mall-items", mallItem("300 积分换 5 元券", fiveId, 300, null, 1, 0));
        create(hq, "/api/hq/promotions/mall-items", mallItem("800 积分换葡式蛋挞", tartId, 800, 200, 1, 1));
    }

    /** Four levels by growth value (1 per yuan paid); gold and black give a ¥10 birthday coupon. */
    private void levels(String hq) throws Exception {
        Map<String, Object> birthday = coupon("生日礼券", 1000, 0, "ALL");
        birthday.put("claimable", false);
        long gift = create(hq, "/api/hq/promotions/coupons", birthday);
        create(hq, "/api/hq/members/levels", level("普通会员", 0, 0, false, null));
        create(hq, "/api/hq/members/levels", level("银卡会员", 200, 2, false, null));
        create(hq, "/api/hq/members/levels", level("金卡会员", 1000, 5, true, gift));
        create(hq, "/api/hq/members/levels", level("黑金会员", 5000, 10, true, gift));
    }

    private static Map<String, Object> level(String name, long minGrowth, int discount, boolean free, Long birthday) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("minGrowth", minGrowth);
        body.put("discountPercent", discount);
        body.put("freeDelivery", free);
        body.put("birthdayTemplateId", birthday);
        return body;
    }

    private static Map<String, Object> mallItem(
            String name, long template, long points, Integer stock, int perMember, int sort) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("templateId", template);
        body.put("points", points);
        body.put("stock", stock);
        body.put("perMemberLimit", perMember);
        body.put("sort", sort);
        return body;
    }

    /** A live flash sale on the tall latte (SKU 4) and a coming one on the egg tart (SKU 41), at every store. */
    private void flashSales(String hq) throws Exception {
        Instant now = Instant.now();
        create(hq, "/api/hq/promotions/flash-sales", flash("拿铁限时秒杀", 4, 990, 50, now.minus(1, ChronoUnit.MINUTES), 6));
        create(hq, "/api/hq/promotions/flash-sales", flash("下午茶蛋挞秒杀", 41, 390, 30, now.plus(2, ChronoUnit.HOURS), 4));
    }

    private static Map<String, Object> flash(
            String name, long sku, long priceFen, int quantity, Instant from, int hours) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("skuId", sku);
        body.put("priceFen", priceFen);
        body.put("quantity", quantity);
        body.put("perMemberLimit", 1);
        body.put("storeIds", List.of());
        body.put("startsAt", from.toString());
        body.put("endsAt", from.plus(hours, ChronoUnit.HOURS).toString());
        return body;
    }

    private long create(String token, String path, Map<String, Object> body) throws Exception {
        return api.send("POST", path, token, body).path("id").asLong();
    }

    private static Map<String, Object> coupon(String name, long offFen, long thresholdFen, String scope) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("storeScope", scope);
        body.put("storeIds", List.of());
        body.put("thresholdFen", thresholdFen);
        body.put("type", "AMOUNT");
        body.put("value", offFen);
        body.put("validFrom", Instant.now().minus(1, ChronoUnit.HOURS).toString());
        body.put("validUntil", Instant.now().plus(30, ChronoUnit.DAYS).toString());
        body.put("perMemberLimit", 1);
        body.put("budget", 10_000);
        return body;
    }
}
