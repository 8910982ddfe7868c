package io.mendian.inventory.api;

import java.time.OffsetDateTime;

/** A ledger row: what moved, why, by whom, and the stock after it. */
public record MovementView(
        long id,
        long storeId,
        long skuId,
        String skuCode,
        String kind,
        long onHandDelta,
        long reservedDelta,
        long inTransitDelta,
        long onHandAfter,
        long reservedAfter,
        long inTransitAfter,
        String reason,
        String reference,
        String actor,
        OffsetDateTime at) {}
