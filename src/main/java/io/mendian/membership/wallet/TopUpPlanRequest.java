package io.mendian.membership.wallet;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A top-up plan: pay {@code payFen}, get {@code payFen + giftFen} of stored value. */
public record TopUpPlanRequest(
        @NotBlank @Size(max = 30) @Schema(example = "充 500 送 50")
        String name,

        @Schema(description = "What the member pays, in fen (1.00 to 100,000.00)") @NotNull @Min(100) @Max(10_000_000)
        Long payFen,

        @Schema(description = "What the brand adds as a gift, in fen (at most payFen)")
        @NotNull
        @Min(0)
        @Max(10_000_000)
        Long giftFen,

        @Schema(description = "Offered to members (default true)")
        Boolean active,

        @Min(0) @Max(10_000) Integer sort) {}
