package io.mendian.membership.levels;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A membership level: reached at {@code minGrowth} growth value, with its benefits. */
public record LevelRequest(
        @NotBlank @Size(max = 30) @Schema(example = "金卡会员") String name,

        @Schema(description = "Growth value that reaches the level (1 per yuan paid); one level starts at 0")
        @NotNull
        @Min(0)
        @Max(1_000_000_000L)
        Long minGrowth,

        @Schema(description = "Percent off every item's store price (0-30), except items at an activity price")
        @NotNull
        @Min(0)
        @Max(30)
        Integer discountPercent,

        @Schema(description = "Same-city delivery without a delivery fee")
        Boolean freeDelivery,

        @Schema(description = "An HQ coupon template given on the member's birthday, once a year") @Positive
        Long birthdayTemplateId) {}
