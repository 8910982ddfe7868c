package io.mendian.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Coupon templates and claims as the consoles and the storefront send them. */
public final class Coupons {

    private Coupons() {}

    /** An AMOUNT coupon for every store, valid from an hour ago for a week, one per member. */
    public static Map<String, Object> coupon(String name, long offFen, long thresholdFen, int budget) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("storeScope", "ALL");
        body.put("thresholdFen", thresholdFen);
        body.put("type", "AMOUNT");
        body.put("value", offFen);
        body.put("validFrom", Instant.now().minus(1, ChronoUnit.HOURS).toString());
        body.put("validUntil", Instant.now().plus(7, ChronoUnit.DAYS).toString());
        body.put("perMemberLimit", 1);
        body.put("budget", budget);
        return body;
    }

    /** The member claims one coupon of the template; returns the wallet coupon's id. */
    public static long claim(String appid, String token, long template) {
        return ((Number) Shops.member(token)
                        .header("Idempotency-Key", "claim-" + UUID.randomUUID())
                        .post("/api/shop/" + appid + "/coupons/" + template + "/claim")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }
}
