package io.mendian.inventory.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Goods the store lost. */
public record LossRequest(
        @NotEmpty @Size(max = 200) List<@Valid @NotNull LineRequest> lines,

        @Schema(description = "DAMAGED, EXPIRED, LOST, THEFT or OTHER")
        @NotNull
        @Pattern(regexp = "^(DAMAGED|EXPIRED|LOST|THEFT|OTHER)$")
        String reason,

        @Size(max = 200) String note) {}
