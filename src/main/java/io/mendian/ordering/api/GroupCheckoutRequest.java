package io.mendian.ordering.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Open a group-buy team, or join one, with one unit of the buy's SKU fulfilled by the team's store. */
public record GroupCheckoutRequest(
        @Schema(description = "The group buy (GET /api/shop/{appid}/stores/{storeId}/group-buys)") @NotNull @Positive
        Long groupBuyId,

        @Schema(description = "The team to join (from its share link); absent to open a new team") @Positive
        Long teamId,

        @Schema(description = "The store (the team's store when joining) and how it fulfils the order") @NotNull @Valid
        CheckoutRequest.StoreOrder order) {}
