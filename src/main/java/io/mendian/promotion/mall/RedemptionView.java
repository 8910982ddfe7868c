package io.mendian.promotion.mall;

import java.time.Instant;

/** One redemption: the points it cost and the coupon it put in the member's wallet. */
public record RedemptionView(long id, long itemId, String name, long points, long memberCouponId, Instant at) {}
