package io.mendian.promotion.pricing;

/**
 * Points the member offers to spend: at most {@code requested} (and never more than {@code available}), valued at
 * {@code pointsPerYuan} points per yuan, covering at most {@code maxPercent} of the goods left to pay after discounts.
 */
public record PointsTender(long requested, long available, int pointsPerYuan, int maxPercent) {
    public static final PointsTender NONE = new PointsTender(0, 0, 100, 0);

    public PointsTender {
        if (requested < 0
                || available < 0
                || pointsPerYuan <= 0
                || pointsPerYuan > 100_000
                || maxPercent < 0
                || maxPercent > 100) {
            throw new IllegalArgumentException("points: counts >= 0, 1..100000 points per yuan, 0..100 percent");
        }
    }

    /** The fen that {@code points} points are worth, rounded down. */
    long fenFor(long points) {
        return Math.multiplyExact(points, 100) / pointsPerYuan;
    }

    /** The fewest points worth {@code fen} fen (never more than the points that bought it). */
    long pointsFor(long fen) {
        return Math.ceilDiv(Math.multiplyExact(fen, pointsPerYuan), 100);
    }
}
