package io.mendian.inventory.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Goods received at the store. */
public record ReceiptRequest(
        @NotEmpty @Size(max = 200) List<@Valid @NotNull LineRequest> lines,

        @Schema(description = "The supplier's delivery note or HQ's dispatch number") @Size(max = 100)
        String reference,

        @Size(max = 200) String note) {}
