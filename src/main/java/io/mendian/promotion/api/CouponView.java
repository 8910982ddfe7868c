package io.mendian.promotion.api;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A coupon template with its counters and, for store proposals, HQ's decision. */
public record CouponView(
        long id,
        @Schema(description = "HQ or STORE") String issuer,
        Long proposedByStore,
        String name,
        String description,
        String storeScope,
        List<Long> regionIds,
        List<Long> storeIds,
        List<Long> skuIds,
        List<Long> categoryIds,
        long thresholdFen,
        String type,
        long value,
        Long capFen,
        boolean exclusive,
        boolean claimable,
        OffsetDateTime validFrom,
        OffsetDateTime validUntil,
        Integer daysAfterClaim,
        int perMemberLimit,
        int budget,
        int issued,
        int used,

        @Schema(description = "PENDING (waiting for HQ), ACTIVE, REJECTED or ENDED")
        String status,

        String createdBy,
        OffsetDateTime createdAt,
        String decidedBy,
        OffsetDateTime decidedAt,
        String decisionNote) {}
