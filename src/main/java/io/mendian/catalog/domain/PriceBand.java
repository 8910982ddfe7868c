package io.mendian.catalog.domain;

/**
 * HQ's price band for a SKU, in fen: stores may set their own price within [min, max]; without one they sell at
 * the base price. The band always contains the base price.
 */
public record PriceBand(long minFen, long baseFen, long maxFen) {

    public PriceBand {
        if (minFen < 0 || minFen > baseFen || baseFen > maxFen) {
            throw new IllegalArgumentException("the band must satisfy 0 <= min <= base <= max (got " + minFen + " <= "
                    + baseFen + " <= " + maxFen + ")");
        }
    }

    public boolean allows(long priceFen) {
        return priceFen >= minFen && priceFen <= maxFen;
    }

    /** The nearest allowed price: what a store price stranded by a band change becomes. */
    public long clamp(long priceFen) {
        return Math.max(minFen, Math.min(maxFen, priceFen));
    }

    /** What a store sells at: its own price if it set one, otherwise the base price. */
    public long effective(Long storePriceFen) {
        return storePriceFen == null ? baseFen : storePriceFen;
    }
}
