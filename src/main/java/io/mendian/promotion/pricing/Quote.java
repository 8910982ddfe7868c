package io.mendian.promotion.pricing;

import java.util.List;

/**
 * An explained price. Every discount applied is listed once with its total, and each line carries its apportioned share
 * of it, so that the shares of a discount always sum to the discount. The tenders are split the same way. For every
 * line, {@code baseFen - sum(shares) = netFen = pointsFen + storedValueFen + cashFen}.
 */
public record Quote(
        List<LineQuote> lines,
        List<Applied> applied,
        List<Refused> refused,
        long itemsFen,
        long discountFen,
        long feeFen,
        long pointsUsed,
        long pointsFen,
        long storedValueFen,
        long cashFen) {

    /** The line key the delivery fee is carried under, so that tenders and refunds treat it like any line. */
    public static final String FEE_LINE = "~fee";

    /** {@code discountId} is the activity, reduction or coupon id; {@code fen} the line's share of it. */
    public record Share(DiscountKind kind, String discountId, String label, long fen) {}

    public record LineQuote(
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

    public record Applied(DiscountKind kind, String id, String label, long fen) {}

    /** Why a discount the member chose (or an activity that would apply) did not. */
    public record Refused(DiscountKind kind, String id, String reason) {}

    /** What the member pays in total: cash plus points and stored value. */
    public long totalFen() {
        return itemsFen - discountFen + feeFen;
    }
}
