package io.mendian.promotion.pricing;

import java.util.List;

/**
 * Everything one order's price depends on. {@code feeFen} (delivery) is never discounted but may be paid by stored
 * value; {@code storedValueFen} is what the member offers to pay from their balance.
 */
public record PricingInput(
        List<PriceLine> lines,
        long feeFen,
        List<ItemActivity> activities,
        List<FullReduction> reductions,
        List<CouponTerms> coupons,
        Stacking stacking,
        PointsTender points,
        long storedValueFen) {
    public PricingInput {
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        if (feeFen < 0 || storedValueFen < 0) {
            throw new IllegalArgumentException("fee and stored value are >= 0");
        }
        lines = List.copyOf(lines);
        activities = List.copyOf(activities == null ? List.of() : activities);
        reductions = List.copyOf(reductions == null ? List.of() : reductions);
        coupons = List.copyOf(coupons == null ? List.of() : coupons);
        stacking = stacking == null ? Stacking.defaults() : stacking;
        points = points == null ? PointsTender.NONE : points;
        if (lines.stream().map(PriceLine::key).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("line keys are unique");
        }
    }
}
