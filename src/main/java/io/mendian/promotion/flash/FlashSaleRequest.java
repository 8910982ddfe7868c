package io.mendian.promotion.flash;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A flash sale: this many units of one SKU at this price, in this window, at these stores (empty: every store). */
public record FlashSaleRequest(
        @NotBlank @Size(max = 60) @Schema(example = "午间秒杀：珍珠奶茶")
        String name,

        @NotNull @Positive Long skuId,

        @Schema(description = "The flash price in fen, below the stores' price", example = "990")
        @NotNull
        @Min(1)
        @Max(100_000_000L)
        Long priceFen,

        @Schema(description = "Units sold at the flash price across the brand", example = "100")
        @NotNull
        @Min(1)
        @Max(1_000_000)
        Integer quantity,

        @Schema(description = "Units one member may buy at the flash price", example = "1") @NotNull @Min(1) @Max(100)
        Integer perMemberLimit,

        @Schema(description = "Stores where it runs; empty or absent for every store") @Size(max = 500)
        List<@NotNull @Positive Long> storeIds,

        @Schema(description = "Combines with no coupon or other discount (default true)")
        Boolean exclusive,

        @NotNull Instant startsAt,
        @NotNull Instant endsAt) {}
