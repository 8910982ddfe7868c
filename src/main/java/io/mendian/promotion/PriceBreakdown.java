package io.mendian.promotion;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An order's price, explained (X2): what each line cost at the store's price, every discount applied with each line's
 * share of it, the discounts the member chose that did not apply and why, and how the rest is paid.
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

    @Schema(description = "kind: ITEM_ACTIVITY, FULL_REDUCTION, HQ_COUPON or STORE_COUPON")
    public record Share(String kind, String discountId, String label, long fen) {}

    public record Discount(String kind, String id, String label, long fen) {}

    @Schema(
            description = "reason: duplicate, coupon-limit, exclusive, not-combinable:<KIND>, below-threshold, "
                    + "not-yours, used, expired, not-at-this-store")
    public record Refusal(String kind, String id, String reason) {}

    /** What the member pays in total, whatever the tender. */
    public long totalFen() {
        return itemsFen - discountFen + feeFen;
    }

    public boolean anyRefused() {
        return !refused.isEmpty();
    }
}
