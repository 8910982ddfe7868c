package io.mendian.inventory.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A count sheet. While OPEN, {@code onHand} is the live figure and {@code variance} what applying would change; once
 * APPLIED both are frozen at the moment it was applied.
 */
public record StocktakeView(
        long id,
        long storeId,
        String status,
        String note,
        String createdBy,
        OffsetDateTime createdAt,
        String closedBy,
        OffsetDateTime closedAt,
        List<Line> lines) {

    /** One counted SKU. */
    public record Line(
            long skuId,
            String skuCode,
            String productName,
            long counted,
            long onHand,
            long variance,
            String countedBy,
            OffsetDateTime countedAt) {}
}
