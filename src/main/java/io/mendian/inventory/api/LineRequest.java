package io.mendian.inventory.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** A quantity of one SKU. */
public record LineRequest(
        @NotNull @Positive Long skuId,
        @NotNull @Min(1) @Max(1_000_000) Long quantity) {}
