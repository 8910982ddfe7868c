package io.mendian.promotion.api;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One coupon in a member's wallet, with what it takes off and where it is honoured. */
public record WalletCouponView(
        long id,
        long templateId,
        String name,
        String description,
        @Schema(description = "HQ or STORE") String issuer,
        String storeScope,
        long thresholdFen,
        String type,
        long value,
        Long capFen,
        boolean exclusive,
        @Schema(description = "AVAILABLE, USED or EXPIRED") String status,
        OffsetDateTime validFrom,
        OffsetDateTime validUntil,
        String orderNo) {}
