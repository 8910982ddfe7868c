package io.mendian.promotion.reduction;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** "Spend X, save Y", with tiers, over lines in scope, at some stores (none: every store), for a window. */
public record FullReductionRequest(
        @NotBlank @Size(max = 60) @Schema(example = "满50减5，满100减15")
        String name,

        @NotEmpty @Size(max = 5) List<@NotNull @Valid Tier> tiers,

        @Schema(description = "Stores where it applies; empty or absent for every store") @Size(max = 500)
        List<@NotNull @Positive Long> storeIds,

        @Schema(description = "Only these categories count towards the threshold (empty: all)") @Size(max = 50)
        List<@NotNull @Positive Long> categoryIds,

        @Schema(description = "Only these SKUs count towards the threshold (empty: all)") @Size(max = 200)
        List<@NotNull @Positive Long> skuIds,

        @NotNull Instant startsAt,
        @NotNull Instant endsAt) {

    /** Spend at least {@code thresholdFen} on the lines in scope, save {@code offFen}. */
    public record Tier(
            @NotNull @Min(1) @Max(100_000_000_00L) Long thresholdFen,
            @NotNull @Min(1) @Max(100_000_000_00L) Long offFen) {}
}
