package io.mendian.booking.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A service item; storeIds is empty when allStores. */
public record ServiceItemView(
        long id,
        String code,
        String name,
        String description,
        int minutes,
        long priceFen,
        int capacity,
        boolean needsStaff,
        boolean allStores,
        List<Long> storeIds,
        String status,
        Instant updatedAt,

        @Schema(description = "Paid online when booked (the payment confirms it)")
        boolean prepay) {}
