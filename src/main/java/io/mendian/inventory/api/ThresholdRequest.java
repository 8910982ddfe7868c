package io.mendian.inventory.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The store's low-stock threshold for a SKU. */
public record ThresholdRequest(
        @Schema(description = "Alert when available stock falls below this; null removes the threshold")
        @Min(0)
        @Max(1_000_000)
        Long lowThreshold) {}
