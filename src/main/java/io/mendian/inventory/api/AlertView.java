package io.mendian.inventory.api;

import java.time.OffsetDateTime;

/** An open low-stock alert: the SKU's available stock fell below the store's threshold. */
public record AlertView(
        long id,
        long storeId,
        String store,
        long skuId,
        String skuCode,
        String productName,
        long threshold,
        long availableWhenRaised,
        long availableNow,
        OffsetDateTime raisedAt) {}
