package io.mendian.ordering.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Buy now at a flash price: this many units of the sale's SKU, fulfilled by one store as a normal order. */
public record FlashCheckoutRequest(
        @Schema(description = "The flash sale (GET /api/shop/{appid}/flash-sales)") @NotNull @Positive
        Long saleId,

        @NotNull @Min(1) @Max(100) Integer quantity,

        @Schema(description = "The store and how it fulfils the order; coupons and points as at checkout")
        @NotNull
        @Valid
        CheckoutRequest.StoreOrder order) {}
