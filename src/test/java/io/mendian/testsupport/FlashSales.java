package io.mendian.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;

/** Flash sales as HQ's marketing centre creates them and the storefront's buy-now sends them. */
public final class FlashSales {

    private FlashSales() {}

    /** A sale live from a minute ago for a day, at the given stores (none: every store). */
    public static Map<String, Object> sale(
            String name, long skuId, long priceFen, int quantity, int limit, Long... stores) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("skuId", skuId);
        body.put("priceFen", priceFen);
        body.put("quantity", quantity);
        body.put("perMemberLimit", limit);
        body.put("storeIds", List.of(stores));
        body.put("startsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        body.put("endsAt", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        return body;
    }

    /** One buy-now attempt for pickup at the store; the caller checks the answer. */
    public static Response buy(String appid, String token, long saleId, long store, int quantity) {
        return buy(appid, token, body(saleId, store, quantity), "flash-" + UUID.randomUUID());
    }

    /** The body of a buy-now for pickup at the store (a retry sends the same body). */
    public static Map<String, Object> body(long saleId, long store, int quantity) {
        return Map.of("saleId", saleId, "quantity", quantity, "order", Shops.pickup(store));
    }

    /** A buy-now with the caller's body and Idempotency-Key (a retry sends the same of both). */
    public static Response buy(String appid, String token, Map<String, Object> body, String key) {
        return Shops.member(token)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/shop/" + appid + "/checkout/flash");
    }
}
