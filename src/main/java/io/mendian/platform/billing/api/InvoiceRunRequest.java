package io.mendian.platform.billing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Which month to invoice, "2026-12"; optionally only one brand (to re-run it after fixing its data). */
public record InvoiceRunRequest(
        @NotBlank String period, @Size(max = 31) String tenant) {}
