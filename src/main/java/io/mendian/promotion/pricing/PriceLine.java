package io.mendian.promotion.pricing;

/**
 * One line of a cart at the store's price. {@code key} identifies the line within the order and fixes the order of
 * rounding (lines are processed sorted by key, so the result never depends on the order they came in).
 */
public record PriceLine(String key, long skuId, Long categoryId, long unitFen, int quantity) {
    public PriceLine {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a line needs a key");
        }
        if (unitFen < 0 || quantity <= 0) {
            throw new IllegalArgumentException("line " + key + ": unit price must be >= 0 and quantity > 0");
        }
    }

    long baseFen() {
        return Math.multiplyExact(unitFen, quantity);
    }
}
