package io.mendian.catalog.api;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A SKU with its HQ base price and price band, all in fen (1 yuan = 100 fen). */
public record SkuRequest(
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9_.-]{1,40}$", message = "1-40 of A-Z a-z 0-9 _ . -")
        String code,

        @Pattern(regexp = "^[0-9]{8,14}$", message = "8-14 digits (EAN/UPC)")
        String barcode,

        @Size(max = 10) Map<@Size(max = 30) String, @Size(max = 60) String> specs,

        @Schema(description = "Base price in fen") @NotNull @PositiveOrZero @Max(100_000_000)
        Long basePriceFen,

        @Schema(description = "Lowest price a store may set, in fen") @NotNull @PositiveOrZero @Max(100_000_000)
        Long minPriceFen,

        @Schema(description = "Highest price a store may set, in fen") @NotNull @PositiveOrZero @Max(100_000_000)
        Long maxPriceFen) {}
