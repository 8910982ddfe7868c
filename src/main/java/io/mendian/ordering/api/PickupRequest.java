package io.mendian.ordering.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The code a customer shows at the counter (typed in, or read from the QR code of the order). */
public record PickupRequest(
        @Schema(example = "042817") @NotNull @Pattern(regexp = "[0-9]{6}", message = "must be the 6-digit pickup code")
        String code) {}
