package io.mendian.ordering.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How many of the SKU the member wants from the store; 0 takes it out of the cart. */
public record CartItemRequest(@NotNull @Min(0) @Max(99) Integer quantity) {}
