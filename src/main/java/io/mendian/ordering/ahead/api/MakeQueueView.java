package io.mendian.ordering.ahead.api;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The store's make queue: open pickup orders with a queue number, by the time they are due. */
public record MakeQueueView(
        boolean enabled,

        @Schema(description = "Order ahead is paused until then; absent when taking orders")
        OffsetDateTime pausedUntil,

        String pauseReason,

        @Schema(
                description = "The median time from accepting to ready over the store's last 20 orders, or the brand's "
                        + "setting until there are 3")
        int prepSeconds,

        int lanes,

        @Schema(description = "What a new \"as soon as possible\" order would wait now")
        int waitMinutes,

        List<Ticket> tickets,

        @Schema(description = "Open orders beyond the first 200, not listed")
        long more) {

    /** One order in the queue. */
    public record Ticket(
            String orderNo,
            String queueNo,
            String status,
            boolean asap,
            OffsetDateTime pickupAt,
            OffsetDateTime estimatedReadyAt,

            @Schema(description = "What to make: each line as name ×quantity")
            List<String> items,

            String note,

            @Schema(description = "Past its pickup time and not ready")
            boolean late) {}
}
