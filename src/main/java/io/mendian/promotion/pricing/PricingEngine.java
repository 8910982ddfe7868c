package io.mendian.promotion.pricing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mendian.promotion.DiscountKind;
import io.mendian.promotion.PriceBreakdown;

/**
 * The one pricing pipeline (X2): store price, then item activities, then the best full reduction, then coupons per HQ's
 * stacking matrix, then points, then stored value. Deterministic and pure: lines are processed sorted by key and
 * coupons in a canonical order (HQ before store, then by id), so the same cart gives the same quote whatever order it
 * arrives in, and every rounding fen lands on the same line.
 */
public final class PricingEngine {

    private PricingEngine() {}

    public static PriceBreakdown quote(PricingInput input) {
        List<Working> lines = input.lines().stream()
                .sorted(Comparator.comparing(PriceLine::key))
                .map(Working::new)
                .toList();
        Map<String, PriceBreakdown.Discount> applied = new LinkedHashMap<>();
        List<PriceBreakdown.Refusal> refused = new ArrayList<>();
        itemActivities(lines, input.activities(), applied);
        boolean reduced = fullReduction(lines, input, applied);
        coupons(lines, input, reduced, applied, refused);

        long goods = lines.stream().mapToLong(w -> w.current).sum();
        PointsTender tender = input.points();
        long offered = tender.fenFor(Math.min(tender.requested(), tender.available()));
        long pointsFen = Math.min(offered, Math.multiplyExact(goods, tender.maxPercent()) / 100);
        long pointsUsed = pointsFen == 0 ? 0 : tender.pointsFor(pointsFen);
        long[] pointShares = Apportion.split(pointsFen, currents(lines));
        long[] pointCounts = Apportion.split(pointsUsed, pointShares);
        for (int i = 0; i < lines.size(); i++) {
            lines.get(i).pointsFen = pointShares[i];
            lines.get(i).points = pointCounts[i];
        }

        List<Working> payable = new ArrayList<>(lines);
        if (input.feeFen() > 0) {
            payable.add(Working.fee(input.feeFen()));
        }
        long[] left = payable.stream().mapToLong(w -> w.current - w.pointsFen).toArray();
        long owed = java.util.Arrays.stream(left).sum();
        long storedValue = Math.min(input.storedValueFen(), owed);
        long[] svShares = Apportion.split(storedValue, left);
        List<PriceBreakdown.Line> out = new ArrayList<>();
        for (int i = 0; i < payable.size(); i++) {
            Working w = payable.get(i);
            w.storedValueFen = svShares[i];
            out.add(w.toLine());
        }
        long items = lines.stream().mapToLong(w -> w.base).sum();
        long discount = applied.values().stream()
                .mapToLong(PriceBreakdown.Discount::fen)
                .sum();
        long cash = out.stream().mapToLong(PriceBreakdown.Line::cashFen).sum();
        return new PriceBreakdown(
                items,
                discount,
                input.feeFen(),
                pointsUsed,
                pointsFen,
                storedValue,
                cash,
                List.copyOf(out),
                List.copyOf(applied.values()),
                List.copyOf(refused));
    }

    private static void itemActivities(
            List<Working> lines, List<ItemActivity> activities, Map<String, PriceBreakdown.Discount> applied) {
        Comparator<ItemActivity> best =
                Comparator.comparingInt(ItemActivity::priority).reversed().thenComparing(ItemActivity::id);
        for (Working w : lines) {
            activities.stream()
                    .filter(a -> a.skuId() == w.line.skuId() && a.priceFen() < w.line.unitFen())
                    .min(best)
                    .ifPresent(a -> {
                        long off = Math.multiplyExact(
                                w.line.unitFen() - a.priceFen(), Math.min(w.line.quantity(), a.maxUnits()));
                        w.take(DiscountKind.ITEM_ACTIVITY, a.id(), a.label(), off);
                        w.activity = a;
                        add(applied, DiscountKind.ITEM_ACTIVITY, a.id(), a.label(), off);
                    });
        }
    }

    private static boolean fullReduction(
            List<Working> lines, PricingInput input, Map<String, PriceBreakdown.Discount> applied) {
        FullReduction chosen = null;
        long chosenOff = 0;
        List<FullReduction> sorted = input.reductions().stream()
                .sorted(Comparator.comparing(FullReduction::id))
                .toList();
        for (FullReduction r : sorted) {
            long off = r.offFor(eligibleFen(lines, r.scope(), DiscountKind.FULL_REDUCTION, input.stacking()));
            if (off > chosenOff) {
                chosen = r;
                chosenOff = off;
            }
        }
        if (chosen == null) {
            return false;
        }
        spread(
                lines,
                chosen.scope(),
                DiscountKind.FULL_REDUCTION,
                input.stacking(),
                chosen.id(),
                chosen.label(),
                chosenOff);
        add(applied, DiscountKind.FULL_REDUCTION, chosen.id(), chosen.label(), chosenOff);
        return true;
    }

    private static void coupons(
            List<Working> lines,
            PricingInput input,
            boolean reduced,
            Map<String, PriceBreakdown.Discount> applied,
            List<PriceBreakdown.Refusal> refused) {
        Stacking stacking = input.stacking();
        List<CouponTerms> ordered = input.coupons().stream()
                .sorted(Comparator.comparing((CouponTerms c) -> !c.hq()).thenComparing(CouponTerms::id))
                .toList();
        List<CouponTerms> used = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CouponTerms c : ordered) {
            DiscountKind kind = c.kind();
            String reason = null;
            if (!seen.add(c.id())) {
                reason = "duplicate";
            } else if (used.stream().filter(u -> u.kind() == kind).count() >= stacking.maxCoupons(kind)) {
                reason = "coupon-limit";
            } else if (!used.isEmpty() && (c.exclusive() || used.stream().anyMatch(CouponTerms::exclusive))) {
                reason = "exclusive";
            } else if (used.stream().anyMatch(u -> u.kind() != kind && !stacking.allows(u.kind(), kind))) {
                reason = "not-combinable:"
                        + (kind == DiscountKind.HQ_COUPON ? DiscountKind.STORE_COUPON : DiscountKind.HQ_COUPON);
            } else if (reduced && !stacking.allows(DiscountKind.FULL_REDUCTION, kind)) {
                reason = "not-combinable:" + DiscountKind.FULL_REDUCTION;
            }
            long eligible = reason == null ? eligibleFen(lines, c.scope(), kind, stacking) : 0;
            if (reason == null && (eligible == 0 || eligible < c.thresholdFen())) {
                reason = "below-threshold";
            }
            if (reason != null) {
                refused.add(new PriceBreakdown.Refusal(kind.name(), c.id(), reason));
                continue;
            }
            long off = c.offFor(eligible);
            spread(lines, c.scope(), kind, stacking, c.id(), c.label(), off);
            add(applied, kind, c.id(), c.label(), off);
            used.add(c);
        }
    }

    private static boolean eligible(Working w, Scope scope, DiscountKind kind, Stacking stacking) {
        if (!scope.covers(w.line)) {
            return false;
        }
        return w.activity == null || (!w.activity.exclusive() && stacking.allows(DiscountKind.ITEM_ACTIVITY, kind));
    }

    private static long eligibleFen(List<Working> lines, Scope scope, DiscountKind kind, Stacking stacking) {
        return lines.stream()
                .filter(w -> eligible(w, scope, kind, stacking))
                .mapToLong(w -> w.current)
                .sum();
    }

    private static void spread(
            List<Working> lines, Scope scope, DiscountKind kind, Stacking stacking, String id, String label, long off) {
        List<Working> targets =
                lines.stream().filter(w -> eligible(w, scope, kind, stacking)).toList();
        long[] shares = Apportion.split(off, currents(targets));
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).take(kind, id, label, shares[i]);
        }
    }

    private static long[] currents(List<Working> lines) {
        return lines.stream().mapToLong(w -> w.current).toArray();
    }

    private static void add(
            Map<String, PriceBreakdown.Discount> applied, DiscountKind kind, String id, String label, long fen) {
        applied.merge(
                kind + ":" + id,
                new PriceBreakdown.Discount(kind, id, label, fen),
                (a, b) -> new PriceBreakdown.Discount(kind, id, label, Math.addExact(a.fen(), b.fen())));
    }

    /** A line while the pipeline runs: what is left to pay and the shares taken so far. */
    private static final class Working {
        final PriceLine line;
        final long base;
        final List<PriceBreakdown.Share> shares = new ArrayList<>();
        long current;
        ItemActivity activity;
        long pointsFen;
        long points;
        long storedValueFen;

        Working(PriceLine line) {
            this.line = line;
            this.base = line.baseFen();
            this.current = base;
        }

        static Working fee(long fen) {
            return new Working(new PriceLine(PriceBreakdown.FEE_LINE, 0, null, fen, 1));
        }

        void take(DiscountKind kind, String id, String label, long fen) {
            if (fen > 0) {
                shares.add(new PriceBreakdown.Share(kind, id, label, fen));
                current -= fen;
            }
        }

        PriceBreakdown.Line toLine() {
            return new PriceBreakdown.Line(
                    line.key(),
                    line.skuId(),
                    line.quantity(),
                    base,
                    List.copyOf(shares),
                    current,
                    points,
                    pointsFen,
                    storedValueFen,
                    current - pointsFen - storedValueFen);
        }
    }
}
