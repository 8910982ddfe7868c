package io.mendian.ordering.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an order is cancelled; shown to the customer in the order's timeline. */
public record ReasonRequest(
        @Schema(example = "售罄，抱歉") @NotBlank @Size(max = 200)
        String reason) {}
