package io.mendian.ordering.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of the order centre. Counting a brand's whole history on every page costs more than the page itself, so
 * the count stops at {@link #COUNT_LIMIT}: past it, {@code total} is that limit and {@code totalCapped} is true ("more
 * than 10,000"); narrow the filters or export for an exact figure.
 */
public record OrderCentrePage(
        List<OrderSummary> items,
        int page,
        int size,

        @Schema(description = "Exact up to 10,000; the limit when totalCapped")
        long total,

        @Schema(description = "True when more orders match than were counted")
        boolean totalCapped) {

    public static final int COUNT_LIMIT = 10_000;
}
