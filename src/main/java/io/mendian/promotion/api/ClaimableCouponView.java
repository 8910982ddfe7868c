package io.mendian.promotion.api;

import java.time.OffsetDateTime;

/** A coupon the member can claim now, and how many of it they already hold. */
public record ClaimableCouponView(
        long templateId,
        String name,
        String description,
        String issuer,
        long thresholdFen,
        String type,
        long value,
        Long capFen,
        boolean exclusive,
        OffsetDateTime validUntil,
        Integer daysAfterClaim,
        int perMemberLimit,
        int claimed,
        int left) {}
