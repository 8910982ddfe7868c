package io.mendian.inventory.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What arrived; SKUs not listed arrived in full. */
public record ReceiveRequest(
        @Schema(description = "Quantities that arrived, when less than shipped (the shortfall is recorded)")
        @Size(max = 200)
        List<@Valid @NotNull Received> received) {

    /** What arrived of one SKU (0 to the shipped quantity). */
    public record Received(
            @NotNull @jakarta.validation.constraints.Positive
            Long skuId,

            @NotNull @jakarta.validation.constraints.Min(0) @jakarta.validation.constraints.Max(1_000_000)
            Long quantity) {}
}
