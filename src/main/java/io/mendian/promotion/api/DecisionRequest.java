package io.mendian.promotion.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** HQ's decision on a store's proposal; a rejection should say why, for the store manager. */
public record DecisionRequest(
        @NotNull Boolean approve, @Size(max = 200) String note) {}
