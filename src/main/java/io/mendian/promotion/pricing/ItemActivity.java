package io.mendian.promotion.pricing;

/**
 * A price for one SKU during an activity (flash sale, group buy, store discount), for at most {@code maxUnits} units of
 * the line. When several apply to a line, the highest {@code priority} wins (then the lowest id). An {@code exclusive}
 * activity keeps its line out of every later discount, whatever the matrix says.
 */
public record ItemActivity(
        String id,
        String label,
        String kind,
        long skuId,
        long priceFen,
        int maxUnits,
        int priority,
        boolean exclusive) {
    public ItemActivity {
        if (priceFen < 0 || maxUnits <= 0) {
            throw new IllegalArgumentException("activity " + id + ": price >= 0 and maxUnits > 0");
        }
    }
}
