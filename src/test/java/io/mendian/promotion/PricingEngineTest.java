package io.mendian.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

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

/** Worked examples of the pipeline, the ones a merchant would check by hand. */
class PricingEngineTest {

    private static final PriceLine LATTE = new PriceLine("latte", 1, 10L, 28_00, 2);
    private static final PriceLine BAGEL = new PriceLine("bagel", 2, 20L, 12_00, 1);

    private static CouponTerms hqOff(String id, long off, long threshold) {
        return new CouponTerms(id, "HQ " + id, true, Scope.ALL, threshold, CouponTerms.Type.AMOUNT, off, null, false);
    }

    private static CouponTerms storeOff(String id, long off, boolean exclusive) {
        return new CouponTerms(id, "店 " + id, false, Scope.ALL, 0, CouponTerms.Type.AMOUNT, off, null, exclusive);
    }

    private static PriceBreakdown quote(List<CouponTerms> coupons, Stacking stacking) {
        return PricingEngine.quote(
                new PricingInput(List.of(LATTE, BAGEL), 0, List.of(), List.of(), coupons, stacking, null, 0));
    }

    @Test
    void oneHqCouponAndOneStoreCouponStackByDefault() {
        PriceBreakdown quote =
                quote(List.of(storeOff("s1", 5_00, false), hqOff("h1", 10_00, 50_00)), Stacking.defaults());
        assertEquals(68_00, quote.itemsFen());
        assertEquals(15_00, quote.discountFen());
        assertEquals(53_00, quote.cashFen());
        assertEquals(
                List.of(DiscountKind.HQ_COUPON, DiscountKind.STORE_COUPON),
                quote.discounts().stream().map(PriceBreakdown.Discount::kind).toList());
    }

    @Test
    void anExclusiveCouponRefusesToJoinAnother() {
        PriceBreakdown quote = quote(List.of(hqOff("h1", 10_00, 0), storeOff("s1", 5_00, true)), Stacking.defaults());
        assertEquals(10_00, quote.discountFen());
        assertEquals(List.of(new PriceBreakdown.Refusal("STORE_COUPON", "s1", "exclusive")), quote.refused());
    }

    @Test
    void hqCanForbidHqAndStoreCouponsTogether() {
        Map<DiscountKind, Set<DiscountKind>> matrix = new java.util.EnumMap<>(DiscountKind.class);
        for (DiscountKind kind : DiscountKind.values()) {
            matrix.put(kind, EnumSet.allOf(DiscountKind.class));
        }
        matrix.get(DiscountKind.HQ_COUPON).remove(DiscountKind.STORE_COUPON);
        PriceBreakdown quote =
                quote(List.of(hqOff("h1", 10_00, 0), storeOff("s1", 5_00, false)), new Stacking(matrix, 1, 1));
        assertEquals(10_00, quote.discountFen());
        assertEquals("not-combinable:HQ_COUPON", quote.refused().getFirst().reason());
    }

    @Test
    void aCouponBelowItsThresholdIsRefusedWithTheReason() {
        PriceBreakdown quote = quote(List.of(hqOff("h1", 10_00, 100_00)), Stacking.defaults());
        assertEquals(0, quote.discountFen());
        assertEquals("below-threshold", quote.refused().getFirst().reason());
    }

    @Test
    void anExclusiveFlashSaleKeepsItsLineOutOfCouponsAndReductions() {
        ItemActivity flash = new ItemActivity("f1", "秒杀", "FLASH_SALE", 1, 9_90, 1, 10, true);
        FullReduction reduction =
                new FullReduction("r1", "满30减5", Scope.ALL, List.of(new FullReduction.Tier(30_00, 5_00)));
        PriceBreakdown quote = PricingEngine.quote(new PricingInput(
                List.of(LATTE, BAGEL), 0, List.of(flash), List.of(reduction), List.of(), null, null, 0));
        // One latte at 9.90 (limit one unit), the second at 28.00; the reduction only sees the bagel (12.00 < 30.00).
        assertEquals(18_10, quote.discountFen());
        PriceBreakdown.Line latte = quote.lines().stream()
                .filter(l -> l.key().equals("latte"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(new PriceBreakdown.Share(DiscountKind.ITEM_ACTIVITY, "f1", "秒杀", 18_10)), latte.shares());
    }

    @Test
    void everyLineCarriesItsShareAndRefundReturnsExactlyIt() {
        PriceBreakdown quote = PricingEngine.quote(new PricingInput(
                List.of(LATTE, BAGEL),
                6_00,
                List.of(),
                List.of(),
                List.of(hqOff("h1", 10_00, 0)),
                null,
                new PointsTender(1_000, 5_000, 100, 50),
                20_00));
        // 10.00 off split 56:12 over latte and bagel: 8.24 and 1.76 (largest remainder).
        PriceBreakdown.Line bagel = quote.lines().stream()
                .filter(l -> l.key().equals("bagel"))
                .findFirst()
                .orElseThrow();
        assertEquals(1_76, bagel.shares().getFirst().fen());
        assertEquals(1_000, quote.pointsUsed());
        assertEquals(10_00, quote.pointsFen());
        assertEquals(20_00, quote.storedValueFen());
        assertEquals(68_00 - 10_00 + 6_00 - 10_00 - 20_00, quote.cashFen());
        RefundSplit bagelBack = RefundSplit.of(quote, Map.of(), Map.of("bagel", 1));
        assertEquals(bagel.cashFen(), bagelBack.cashFen());
        assertEquals(bagel.points(), bagelBack.points());
        assertEquals(bagel.storedValueFen(), bagelBack.storedValueFen());
    }
}
