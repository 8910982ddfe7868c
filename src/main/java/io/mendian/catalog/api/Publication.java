package io.mendian.catalog.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a product may be sold: every store, the stores of some regions (with their subtrees), or chosen stores. */
public record Publication(
        @Schema(description = "All stores of the brand") boolean all,
        @Size(max = 200) List<@NotNull @Positive Long> regionIds,
        @Size(max = 2000) List<@NotNull @Positive Long> storeIds) {

    public static Publication everywhere() {
        return new Publication(true, List.of(), List.of());
    }
}
