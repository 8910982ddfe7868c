package io.mendian.ordering.aftersales;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The store's decision on a request. */
public record AfterSaleDecision(
        @Schema(description = "For an approved RETURN: whether the goods go back on the shelf (false: written off)")
        Boolean restock,

        @Schema(description = "Shown to the customer; required to reject") @Size(max = 200)
        String note) {}
