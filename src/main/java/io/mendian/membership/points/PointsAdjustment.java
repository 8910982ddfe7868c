package io.mendian.membership.points;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** HQ adds (positive) or takes (negative) points by hand, saying why; never below zero. */
public record PointsAdjustment(
        @Schema(example = "200") @NotNull @Min(-1_000_000) @Max(1_000_000)
        Long delta,

        @Schema(example = "补偿：门店出错") @NotBlank @Size(max = 200)
        String reason) {}
