package io.mendian.ordering.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** HQ refunds part or all of what a customer paid (a goodwill gesture, a missing item). */
public record RefundRequest(
        @Schema(description = "Fen; at most what is left to refund", example = "500")
        @NotNull
        @Min(1)
        @Max(100_000_000_00L)
        Long amountFen,

        @Schema(example = "少了一件，退差价") @NotBlank @Size(max = 200)
        String reason) {}
