package io.mendian.promotion.groupbuy;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A group buy: one SKU at this price for teams of {@code groupSize} members who all pay within {@code hours}. */
public record GroupBuyRequest(
        @NotBlank @Size(max = 60) @Schema(example = "双人拼团：拿铁")
        String name,

        @NotNull @Positive Long skuId,

        @Schema(description = "The group price in fen, below the stores' price", example = "1980")
        @NotNull
        @Min(1)
        @Max(100_000_000L)
        Long priceFen,

        @Schema(description = "Members who must pay for a team to form", example = "2") @NotNull @Min(2) @Max(50)
        Integer groupSize,

        @Schema(
                description = "Hours a team has to form once opened; otherwise every member is refunded",
                example = "24")
        @NotNull
        @Min(1)
        @Max(72)
        Integer hours,

        @Schema(description = "Stores where teams may open; empty or absent for every store") @Size(max = 500)
        List<@NotNull @Positive Long> storeIds,

        @Schema(description = "Combines with no coupon or other discount (default true)")
        Boolean exclusive,

        @NotNull Instant startsAt,
        @NotNull Instant endsAt) {}
