package io.mendian.inventory.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Counted quantities; counting a SKU again replaces its count. */
public record CountRequest(@NotEmpty @Size(max = 500) List<@Valid @NotNull Count> counts) {

    /** What was found on the shelf for one SKU. */
    public record Count(
            @NotNull @Positive Long skuId,
            @NotNull @Min(0) @Max(1_000_000) Long counted) {}
}
