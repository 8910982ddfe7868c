package io.mendian.ordering.ahead.api;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a customer sees before ordering ahead at a store. */
public record StoreWaitView(
        @Schema(description = "The brand takes \"as soon as possible\" pickup orders")
        boolean orderAhead,

        boolean paused,
        @Schema(description = "When a pause ends") OffsetDateTime resumesAt,
        String pauseReason,
        @Schema(description = "Orders being made now") long ahead,

        @Schema(description = "What a new order would wait, in minutes")
        int waitMinutes,

        @Schema(description = "Pickup orders the store takes per 15 minutes (0: no limit)")
        int slotCapacity,

        @Schema(description = "Starts of the full quarters of an hour in the next twelve hours: no pickup then")
        List<OffsetDateTime> fullSlots) {}
