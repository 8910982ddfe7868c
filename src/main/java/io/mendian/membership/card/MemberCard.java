package io.mendian.membership.card;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the counter sees of a scanned member: who (phone masked), their points, and the code's member id. */
public record MemberCard(
        long memberId,
        @Schema(description = "Masked, or null") String phone,
        String status,
        long pointsBalance,
        long pointsExpiringSoon,

        @Schema(description = "Stored value in fen (paid in and gift together)")
        long storedValueFen) {}
