package io.mendian.promotion;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An order's price, explained (X2): what each line cost at the store's price, every discount applied with each line's
 * share of it, the discounts the member chose that did not apply and why, and how the rest is paid. The shares of a
 * discount always sum to it, and for every line {@code baseFen - sum(shares) = netFen = pointsFen + storedValueFen +
 * cashFen}. The pricing engine produces it; the order keeps it for the receipt and for refunds.
 */
@Schema(description = "Why this price: each line's base, its share of every discount, and the tenders")
public record PriceBreakdown(
        long itemsFen,
        long discountFen,
        long feeFen,
        long pointsUsed,
        long pointsFen,
        long storedValueFen,

        @Schema(description = "What is paid through WeChat Pay")
        long cashFen,

        List<Line> lines,
        List<Discount> discounts,
        List<Refusal> refused) {

    /** The line key of the delivery fee, which stored value may pay but no discount touches. */
    public static final String FEE_LINE = "~fee";

    public record Line(
            String key,
            long skuId,
            int quantity,
            long baseFen,
            List<Share> shares,
            long netFen,
            long points,
            long pointsFen,
            long storedValueFen,
            long cashFen) {}

    /** A line's share of one discount ({@code discountId}: the activity, reduction or coupon). */
    public record Share(DiscountKind kind, String discountId, String label, long fen) {}

    public record Discount(DiscountKind kind, String id, String label, long fen) {}

    @Schema(
            description =
                    "kind: a DiscountKind, or COUPON when the coupon is unknown; reason: duplicate, coupon-limit, "
                            + "exclusive, not-combinable:<KIND>, below-threshold, not-yours, used, expired, not-at-this-store")
    public record Refusal(String kind, String id, String reason) {}

    /** What the member pays in total, whatever the tender. */
    public long totalFen() {
        return itemsFen - discountFen + feeFen;
    }

    public boolean anyRefused() {
        return !refused.isEmpty();
    }

    /** The same price with refusals found before pricing (coupons that never reached the engine) listed first. */
    public PriceBreakdown withEarlierRefusals(List<Refusal> earlier) {
        List<Refusal> all = new ArrayList<>(earlier);
        all.addAll(refused);
        return new PriceBreakdown(
                itemsFen, discountFen, feeFen, pointsUsed, pointsFen, storedValueFen, cashFen, lines, discounts, all);
    }
}
