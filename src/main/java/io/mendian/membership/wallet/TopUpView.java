package io.mendian.membership.wallet;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member's top-up: pay it like an order (POST /api/shop/{appid}/topups/{topupNo}/payment). */
public record TopUpView(
        String topupNo,
        long planId,
        String name,
        long payFen,
        long giftFen,

        @Schema(description = "PENDING until WeChat Pay confirms, then PAID (the balance is credited once)")
        String status,

        OffsetDateTime payBy,
        OffsetDateTime createdAt) {}
