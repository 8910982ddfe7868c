package io.mendian.promotion.pricing;

import io.mendian.promotion.DiscountKind;

/**
 * A coupon the member chose to use, as the engine sees it: who issued it, its scope and its value. An AMOUNT coupon
 * takes {@code value} fen off; a PERCENT coupon takes {@code value} percent off (1-99), at most {@code capFen} when set.
 * An {@code exclusive} coupon combines with no other coupon.
 */
public record CouponTerms(
        String id,
        String label,
        boolean hq,
        Scope scope,
        long thresholdFen,
        Type type,
        long value,
        Long capFen,
        boolean exclusive) {
    public enum Type {
        AMOUNT,
        PERCENT
    }

    public CouponTerms {
        if (thresholdFen < 0 || value <= 0 || (type == Type.PERCENT && value > 99) || (capFen != null && capFen <= 0)) {
            throw new IllegalArgumentException("coupon " + id + ": bad value");
        }
    }

    DiscountKind kind() {
        return hq ? DiscountKind.HQ_COUPON : DiscountKind.STORE_COUPON;
    }

    long offFor(long eligibleFen) {
        long off = type == Type.AMOUNT ? value : Math.multiplyExact(eligibleFen, value) / 100;
        if (capFen != null) {
            off = Math.min(off, capFen);
        }
        return Math.min(off, eligibleFen);
    }
}
