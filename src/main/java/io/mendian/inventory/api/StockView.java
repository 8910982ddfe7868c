package io.mendian.inventory.api;

import java.time.OffsetDateTime;

/** One store's stock of one SKU; {@code available} = {@code onHand} − {@code reserved}. */
public record StockView(
        long storeId,
        String store,
        long skuId,
        String skuCode,
        String productName,
        long onHand,
        long reserved,
        long available,
        long inTransit,
        Long lowThreshold,
        boolean low,
        OffsetDateTime updatedAt) {}
