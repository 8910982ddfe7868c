package io.mendian.ordering.aftersales;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member asks for money back or to bring goods back, after pickup. */
@Schema(description = "REFUND: money only (amountFen). RETURN: the goods listed come back; the amount is their price.")
public record AfterSaleRequest(
        @NotNull @Pattern(regexp = "REFUND|RETURN", message = "must be REFUND or RETURN")
        String kind,

        @Schema(description = "Fen, for REFUND; ignored for RETURN") @Min(1) @Max(100_000_000_00L)
        Long amountFen,

        @Schema(example = "少了一杯") @NotBlank @Size(max = 200) String reason,

        @Schema(description = "For RETURN: which SKUs and how many") @Valid @Size(max = 50)
        List<Line> lines) {

    public record Line(
            @NotNull @Min(1) Long skuId,
            @NotNull @Min(1) @Max(99) Integer quantity) {}
}
