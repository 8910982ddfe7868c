package io.mendian.ordering.ahead.api;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where the member's order stands in the store's queue. */
public record QueueStatusView(
        String orderNo,
        long storeId,

        @Schema(description = "Read aloud at the counter, such as A023; unique at the store that day")
        String queueNo,

        String status,
        boolean asap,
        OffsetDateTime pickupAt,

        @Schema(description = "Orders the store makes before this one")
        long ahead,

        @Schema(description = "When it should be ready (when it was, once ready)")
        OffsetDateTime estimatedReadyAt) {}
