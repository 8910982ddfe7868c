package io.mendian.membership.points;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of a member's points ledger. */
public record PointsEntry(
        long id,
        long delta,

        @Schema(description = "EARN, SPEND, RETURN (given back), REVERSE (earned, refunded), EXPIRE, ADJUST")
        String kind,

        String reference,
        Long storeId,
        String note,
        long balanceAfter,
        OffsetDateTime expiresAt,
        OffsetDateTime at) {}
