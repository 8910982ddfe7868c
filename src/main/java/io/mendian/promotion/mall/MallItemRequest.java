package io.mendian.promotion.mall;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An item of the points mall: one coupon of an HQ coupon template for this many points. Goods are offered as an
 * exchange coupon for their SKU (an AMOUNT coupon limited to that SKU, worth its price).
 */
public record MallItemRequest(
        @NotBlank @Size(max = 60) @Schema(example = "500 积分换 5 元券")
        String name,

        @Size(max = 200) String description,

        @Schema(description = "The HQ coupon template issued on redemption (it need not be claimable)")
        @NotNull
        @Positive
        Long templateId,

        @Schema(description = "Points one redemption costs", example = "500") @NotNull @Min(1) @Max(100_000_000)
        Long points,

        @Schema(description = "How many may be redeemed in all; absent for as many as the template's budget allows")
        @Min(1)
        @Max(10_000_000)
        Integer stock,

        @NotNull @Min(1) @Max(100) Integer perMemberLimit,

        @Schema(description = "Lower first in the storefront") @Min(0) @Max(10_000)
        Integer sort) {}
