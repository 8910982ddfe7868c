package io.mendian.inventory.api;

/** A SKU's stock at a store right after a change. */
public record StockLevelView(
        long storeId, long skuId, long onHand, long reserved, long available, long inTransit, Long lowThreshold) {}
