package io.mendian.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.mendian.promotion.pricing.CouponTerms;
import io.mendian.promotion.pricing.FullReduction;
import io.mendian.promotion.pricing.ItemActivity;
import io.mendian.promotion.pricing.PointsTender;
import io.mendian.promotion.pricing.PriceLine;
import io.mendian.promotion.pricing.PricingEngine;
import io.mendian.promotion.pricing.PricingInput;
import io.mendian.promotion.pricing.RefundSplit;
import io.mendian.promotion.pricing.Scope;
import io.mendian.promotion.pricing.Stacking;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The pricing engine's promises (X2), over random carts, activities, coupons, matrices and tenders: the total is never
 * negative, every discount's shares sum to it, each line balances, refunds plus what is kept equal what was paid, and
 * the quote does not depend on the order of lines or coupons.
 */
class PricingPropertiesTest {

    @Property(tries = 400)
    void totalIsNeverNegativeAndEveryLineBalances(@ForAll("inputs") PricingInput input) {
        PriceBreakdown quote = PricingEngine.quote(input);
        assertTrue(quote.totalFen() >= 0);
        assertTrue(quote.cashFen() >= 0);
        for (PriceBreakdown.Line line : quote.lines()) {
            long shares =
                    line.shares().stream().mapToLong(PriceBreakdown.Share::fen).sum();
            assertEquals(line.netFen(), line.baseFen() - shares);
            assertTrue(line.netFen() >= 0);
            assertEquals(line.netFen(), line.pointsFen() + line.storedValueFen() + line.cashFen());
            assertTrue(line.cashFen() >= 0);
        }
        long paid = quote.cashFen() + quote.pointsFen() + quote.storedValueFen();
        assertEquals(quote.totalFen(), paid);
    }

    @Property(tries = 400)
    void allocationsSumToEachDiscountAndTender(@ForAll("inputs") PricingInput input) {
        PriceBreakdown quote = PricingEngine.quote(input);
        for (PriceBreakdown.Discount applied : quote.discounts()) {
            long shares = quote.lines().stream()
                    .flatMap(l -> l.shares().stream())
                    .filter(s -> s.kind() == applied.kind() && s.discountId().equals(applied.id()))
                    .mapToLong(PriceBreakdown.Share::fen)
                    .sum();
            assertEquals(applied.fen(), shares, applied.toString());
        }
        assertEquals(
                quote.pointsUsed(),
                quote.lines().stream().mapToLong(PriceBreakdown.Line::points).sum());
        assertEquals(
                quote.pointsFen(),
                quote.lines().stream().mapToLong(PriceBreakdown.Line::pointsFen).sum());
        assertEquals(
                quote.storedValueFen(),
                quote.lines().stream()
                        .mapToLong(PriceBreakdown.Line::storedValueFen)
                        .sum());
        assertTrue(quote.pointsUsed()
                <= Math.min(input.points().requested(), input.points().available()));
        assertTrue(quote.storedValueFen() <= input.storedValueFen());
    }

    @Property(tries = 300)
    void refundsInAnyStepsPlusWhatIsKeptEqualWhatWasPaid(@ForAll("inputs") PricingInput input, @ForAll Random random) {
        PriceBreakdown quote = PricingEngine.quote(input);
        Map<String, Integer> done = new HashMap<>();
        long cash = 0;
        long points = 0;
        long storedValue = 0;
        // Refund a random prefix of units line by line, in random steps; whatever is left is kept.
        for (PriceBreakdown.Line line : quote.lines()) {
            int toRefund = random.nextInt(line.quantity() + 1);
            while (toRefund > 0) {
                int step = 1 + random.nextInt(toRefund);
                RefundSplit split = RefundSplit.of(quote, Map.copyOf(done), Map.of(line.key(), step));
                cash += split.cashFen();
                points += split.points();
                storedValue += split.storedValueFen();
                done.merge(line.key(), step, Integer::sum);
                toRefund -= step;
            }
        }
        Map<String, Integer> rest = new HashMap<>();
        for (PriceBreakdown.Line line : quote.lines()) {
            int left = line.quantity() - done.getOrDefault(line.key(), 0);
            if (left > 0) {
                rest.put(line.key(), left);
            }
        }
        RefundSplit kept = RefundSplit.of(quote, done, rest);
        assertEquals(quote.cashFen(), cash + kept.cashFen());
        assertEquals(quote.pointsUsed(), points + kept.points());
        assertEquals(quote.storedValueFen(), storedValue + kept.storedValueFen());
    }

    @Property(tries = 300)
    void quoteDoesNotDependOnTheOrderOfLinesOrCoupons(@ForAll("inputs") PricingInput input, @ForAll Random random) {
        List<PriceLine> lines = new ArrayList<>(input.lines());
        List<CouponTerms> coupons = new ArrayList<>(input.coupons());
        Collections.shuffle(lines, random);
        Collections.shuffle(coupons, random);
        PricingInput shuffled = new PricingInput(
                lines,
                input.feeFen(),
                input.activities(),
                input.reductions(),
                coupons,
                input.stacking(),
                input.points(),
                input.storedValueFen());
        assertEquals(PricingEngine.quote(input), PricingEngine.quote(shuffled));
    }

    @Property(tries = 200)
    void noMoreCouponsOfAnIssuerThanTheMatrixAllows(@ForAll("inputs") PricingInput input) {
        PriceBreakdown quote = PricingEngine.quote(input);
        long hq = quote.discounts().stream()
                .filter(a -> a.kind() == DiscountKind.HQ_COUPON)
                .count();
        long store = quote.discounts().stream()
                .filter(a -> a.kind() == DiscountKind.STORE_COUPON)
                .count();
        assertTrue(hq <= input.stacking().maxHqCoupons());
        assertTrue(store <= input.stacking().maxStoreCoupons());
        if (hq > 0 && store > 0) {
            assertTrue(input.stacking().allows(DiscountKind.HQ_COUPON, DiscountKind.STORE_COUPON));
        }
    }

    // --- generators -------------------------------------------------------------------------------------------

    private static final List<Long> SKUS = List.of(1L, 2L, 3L, 4L, 5L, 6L);

    @Provide
    Arbitrary<PricingInput> inputs() {
        Arbitrary<List<PriceLine>> lines = Arbitraries.subsetOf(SKUS)
                .ofMinSize(1)
                .flatMap(skus -> Combinators.combine(skus.stream()
                                .map(sku -> Combinators.combine(
                                                Arbitraries.longs().between(0, 200_00),
                                                Arbitraries.integers().between(1, 12))
                                        .as((unit, qty) -> new PriceLine("sku-" + sku, sku, sku % 3, unit, qty)))
                                .toList())
                        .as(List::copyOf));
        Arbitrary<List<ItemActivity>> activities = Combinators.combine(
                        Arbitraries.of(SKUS),
                        Arbitraries.longs().between(0, 150_00),
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(true, false),
                        Arbitraries.strings().alpha().ofLength(3))
                .as((sku, price, max, priority, exclusive, id) ->
                        new ItemActivity("a" + id, "活动", "FLASH_SALE", sku, price, max, priority, exclusive))
                .list()
                .ofMaxSize(3);
        Arbitrary<List<FullReduction>> reductions = Combinators.combine(
                        Arbitraries.longs().between(0, 300_00),
                        Arbitraries.longs().between(1, 80_00),
                        scopes(),
                        Arbitraries.strings().alpha().ofLength(3))
                .as((threshold, off, scope, id) ->
                        new FullReduction("r" + id, "满减", scope, List.of(new FullReduction.Tier(threshold, off))))
                .list()
                .ofMaxSize(2);
        Arbitrary<List<CouponTerms>> coupons = coupon().list().ofMaxSize(4).uniqueElements(CouponTerms::id);
        Arbitrary<PointsTender> points = Combinators.combine(
                        Arbitraries.longs().between(0, 50_000),
                        Arbitraries.longs().between(0, 50_000),
                        Arbitraries.of(1, 10, 100, 1000),
                        Arbitraries.integers().between(0, 100))
                .as(PointsTender::new);
        return Combinators.combine(
                        lines,
                        Arbitraries.longs().between(0, 20_00),
                        activities,
                        reductions,
                        coupons,
                        stackings(),
                        points,
                        Arbitraries.longs().between(0, 500_00))
                .as(PricingInput::new);
    }

    private Arbitrary<CouponTerms> coupon() {
        return Combinators.combine(
                        Arbitraries.strings().alpha().ofLength(4),
                        Arbitraries.of(true, false),
                        scopes(),
                        Arbitraries.longs().between(0, 200_00),
                        Arbitraries.of(CouponTerms.Type.values()),
                        Arbitraries.longs().between(1, 99),
                        Arbitraries.longs().between(1, 50_00).injectNull(0.5),
                        Arbitraries.of(true, false))
                .as((id, hq, scope, threshold, type, value, cap, exclusive) -> new CouponTerms(
                        "c" + id,
                        "券",
                        hq,
                        scope,
                        threshold,
                        type,
                        type == CouponTerms.Type.AMOUNT ? value * 100 : value,
                        cap,
                        exclusive));
    }

    private Arbitrary<Scope> scopes() {
        return Arbitraries.oneOf(
                Arbitraries.just(Scope.ALL),
                Arbitraries.subsetOf(SKUS).map(skus -> new Scope(skus, Set.of())),
                Arbitraries.subsetOf(0L, 1L, 2L).map(categories -> new Scope(Set.of(), categories)));
    }

    private Arbitrary<Stacking> stackings() {
        List<DiscountKind> kinds = List.of(DiscountKind.values());
        return Combinators.combine(
                        Arbitraries.subsetOf(kinds).list().ofSize(kinds.size()),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2))
                .as((rows, hq, store) -> {
                    Map<DiscountKind, Set<DiscountKind>> matrix = new HashMap<>();
                    for (int i = 0; i < kinds.size(); i++) {
                        matrix.put(kinds.get(i), rows.get(i));
                    }
                    return new Stacking(matrix, hq, store);
                });
    }
}
