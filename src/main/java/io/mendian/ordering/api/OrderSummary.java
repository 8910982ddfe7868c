package io.mendian.ordering.api;

import java.time.OffsetDateTime;

/** One row of HQ's order centre. */
public record OrderSummary(
        String orderNo,
        long storeId,
        String store,
        long memberId,
        String status,
        String fulfilmentMode,
        long itemsFen,
        long deliveryFeeFen,
        long discountFen,
        long totalFen,
        OffsetDateTime createdAt,
        OffsetDateTime pickupAt,
        OffsetDateTime updatedAt) {}
