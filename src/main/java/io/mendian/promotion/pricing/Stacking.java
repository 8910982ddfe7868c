package io.mendian.promotion.pricing;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.mendian.promotion.DiscountKind;

/**
 * HQ's stacking matrix: which kinds of discount may apply together, and how many coupons of each issuer one order may
 * use. The matrix is symmetric; a kind always combines with itself only through the per-issuer limits.
 *
 * <p>Between an item activity and a later kind the matrix is read per line: a line with an activity that does not
 * combine with HQ coupons is simply outside every HQ coupon's scope. Between order-level kinds, the earlier step in the
 * pipeline wins and the later discount is refused with the reason.
 */
public record Stacking(Map<DiscountKind, Set<DiscountKind>> combines, int maxHqCoupons, int maxStoreCoupons) {

    /** Everything combines; one HQ coupon and one store coupon per order. */
    public static Stacking defaults() {
        Map<DiscountKind, Set<DiscountKind>> all = new java.util.EnumMap<>(DiscountKind.class);
        for (DiscountKind kind : DiscountKind.values()) {
            all.put(kind, EnumSet.allOf(DiscountKind.class));
        }
        return new Stacking(all, 1, 1);
    }

    public Stacking {
        if (maxHqCoupons < 0 || maxStoreCoupons < 0 || maxHqCoupons > 10 || maxStoreCoupons > 10) {
            throw new IllegalArgumentException("coupon limits are 0..10");
        }
        Map<DiscountKind, Set<DiscountKind>> symmetric = new java.util.EnumMap<>(DiscountKind.class);
        for (DiscountKind a : DiscountKind.values()) {
            symmetric.put(a, EnumSet.noneOf(DiscountKind.class));
        }
        for (DiscountKind a : DiscountKind.values()) {
            for (DiscountKind b : DiscountKind.values()) {
                boolean ab = combines.getOrDefault(a, Set.of()).contains(b);
                boolean ba = combines.getOrDefault(b, Set.of()).contains(a);
                // Either side refusing is a refusal: a half-filled matrix never combines more than HQ meant.
                if (ab && ba) {
                    symmetric.get(a).add(b);
                }
            }
        }
        combines = Map.copyOf(symmetric);
    }

    public boolean allows(DiscountKind a, DiscountKind b) {
        return combines.get(a).contains(b);
    }

    int maxCoupons(DiscountKind kind) {
        return kind == DiscountKind.HQ_COUPON ? maxHqCoupons : maxStoreCoupons;
    }
}
