package io.mendian.promotion.mall;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A points-mall item with the coupon it issues and how many were redeemed. */
public record MallItemView(
        long id,
        String name,
        String description,
        long templateId,
        String couponName,
        @Schema(description = "AMOUNT or PERCENT") String couponType,
        long couponValue,
        long couponThresholdFen,
        long points,

        @Schema(description = "null: limited only by the coupon's budget")
        Integer stock,

        int redeemed,
        int perMemberLimit,
        int sort,
        @Schema(description = "ACTIVE or ENDED") String status,

        @Schema(description = "For a member: how many they redeemed (null for HQ)")
        Integer mine,

        String createdBy,
        Instant createdAt) {}
