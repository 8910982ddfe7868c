package io.mendian.membership.points;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The brand's points rule: points earned per yuan paid on a completed order, what points are worth at checkout, the
 * most of an order's goods they may pay, and how long earned points last.
 */
public record PointsRule(
        @Schema(description = "Points per yuan paid, earned when the order is completed", example = "1")
        @NotNull
        @Min(0)
        @Max(1000)
        Integer earnPerYuan,

        @Schema(description = "Points that pay one yuan at checkout", example = "100") @NotNull @Min(1) @Max(100_000)
        Integer redeemPointsPerYuan,

        @Schema(description = "At most this percent of the goods (after discounts) paid with points", example = "50")
        @NotNull
        @Min(0)
        @Max(100)
        Integer maxRedeemPercent,

        @Schema(description = "Earned points expire this many months later", example = "12") @NotNull @Min(1) @Max(120)
        Integer expiryMonths,

        String updatedBy,
        OffsetDateTime updatedAt) {

    /** What a brand that never set a rule gets: 1 point per yuan, 100 points pay 1 yuan, up to half, for 12 months. */
    public static PointsRule defaults() {
        return new PointsRule(1, 100, 50, 12, null, null);
    }
}
