package io.mendian.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;

/** Group buys as HQ's marketing centre creates them and the storefront opens and joins teams. */
public final class GroupBuys {

    private GroupBuys() {}

    /** A group buy live from a minute ago for a week, teams of {@code size} within 24 hours, at the given stores. */
    public static Map<String, Object> buy(String name, long skuId, long priceFen, int size, Long... stores) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("skuId", skuId);
        body.put("priceFen", priceFen);
        body.put("groupSize", size);
        body.put("hours", 24);
        body.put("storeIds", List.of(stores));
        body.put("startsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        body.put("endsAt", Instant.now().plus(7, ChronoUnit.DAYS).toString());
        return body;
    }

    /** Opens a team ({@code teamId} null) or joins one, for pickup at the store; the caller checks the answer. */
    public static Response join(String appid, String token, long groupBuyId, Long teamId, long store) {
        Map<String, Object> body = new HashMap<>();
        body.put("groupBuyId", groupBuyId);
        if (teamId != null) {
            body.put("teamId", teamId);
        }
        body.put("order", Shops.pickup(store));
        return Shops.member(token)
                .header("Idempotency-Key", "group-" + UUID.randomUUID())
                .body(body)
                .post("/api/shop/" + appid + "/checkout/group-buy");
    }

    /** The team of the member's seat held by this order. */
    public static long teamOf(String appid, String token, String orderNo) {
        List<Map<String, Object>> seats = Shops.member(token)
                .get("/api/shop/" + appid + "/me/group-teams")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        return seats.stream()
                .filter(s -> orderNo.equals(s.get("orderNo")))
                .map(s -> ((Number) ((Map<?, ?>) s.get("team")).get("teamId")).longValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no seat for order " + orderNo));
    }
}
