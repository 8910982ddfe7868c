package io.mendian.inventory.api;

import java.time.OffsetDateTime;
import java.util.List;

/** A transfer between two stores and where it stands: REQUESTED, APPROVED, SHIPPED, RECEIVED, REJECTED, CANCELLED. */
public record TransferView(
        long id,
        long fromStoreId,
        String fromStore,
        long toStoreId,
        String toStore,
        String status,
        String note,
        List<Line> lines,
        String requestedBy,
        OffsetDateTime requestedAt,
        String decidedBy,
        OffsetDateTime decidedAt,
        String shippedBy,
        OffsetDateTime shippedAt,
        String receivedBy,
        OffsetDateTime receivedAt) {

    /** One SKU of the transfer; {@code received} is set once the goods arrived. */
    public record Line(long skuId, String skuCode, String productName, long quantity, Long received) {}
}
