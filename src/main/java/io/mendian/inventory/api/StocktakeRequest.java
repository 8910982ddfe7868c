package io.mendian.inventory.api;

import jakarta.validation.constraints.Size;

/** Opens a count sheet. */
public record StocktakeRequest(@Size(max = 500) String note) {}
