package io.mendian.inventory.domain;

/**
 * One store's stock of one SKU. {@code reserved} is held for orders and approved transfers and is part of
 * {@code onHand}; what can still be sold is {@code available}. {@code inTransit} is on its way here from another
 * store and not yet sellable.
 */
public record StockLevel(long onHand, long reserved, long inTransit, Long lowThreshold) {

    public long available() {
        return onHand - reserved;
    }

    public boolean low() {
        return lowThreshold != null && available() < lowThreshold;
    }
}
