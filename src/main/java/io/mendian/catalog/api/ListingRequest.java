package io.mendian.catalog.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A store's listing of one SKU: whether it sells it, and at what price inside HQ's band (null = base price). */
public record ListingRequest(
        @NotNull Boolean listed,

        @Schema(description = "Store price in fen, inside the SKU's band; null sells at the base price")
        @PositiveOrZero
        @Max(100_000_000)
        Long priceFen) {}
