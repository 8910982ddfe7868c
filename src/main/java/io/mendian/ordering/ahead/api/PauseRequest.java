package io.mendian.ordering.ahead.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Stop taking order-ahead orders for a while (a rush, a broken machine). */
public record PauseRequest(
        @Schema(description = "For how long; order ahead resumes by itself after it") @Min(5) @Max(480)
        int minutes,

        @Schema(description = "Why, for the log and the customers (\"rush hour\")") @Size(max = 200)
        String reason) {}
