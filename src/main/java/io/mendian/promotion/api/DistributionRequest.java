package io.mendian.promotion.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who gets one coupon each: every active member of the brand, or the members listed. */
public record DistributionRequest(
        @Schema(description = "ALL_MEMBERS or MEMBERS") @NotNull @Pattern(regexp = "^(ALL_MEMBERS|MEMBERS)$")
        String segment,

        @Size(max = 1000) List<@NotNull @Positive Long> memberIds) {}
