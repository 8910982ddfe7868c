package io.mendian.promotion.reduction;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A full reduction as HQ, its stores and shoppers see it. */
public record FullReductionView(
        long id,
        String name,
        List<FullReductionRequest.Tier> tiers,
        List<Long> storeIds,
        List<Long> categoryIds,
        List<Long> skuIds,
        Instant startsAt,
        Instant endsAt,

        @Schema(description = "PENDING (a store's proposal), REJECTED, UPCOMING, LIVE, OVER or ENDED")
        String state,

        @Schema(description = "The store that proposed it; null for HQ's own")
        Long proposedByStore,

        @Schema(description = "HQ's note on a store's proposal")
        String decisionNote,

        String createdBy,
        Instant createdAt) {}
