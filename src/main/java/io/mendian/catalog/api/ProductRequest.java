package io.mendian.catalog.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A product as HQ creates it (with its SKUs) or edits it (SKUs are then edited one by one). */
public record ProductRequest(
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9_.-]{1,40}$", message = "1-40 of A-Z a-z 0-9 _ . -")
        String code,

        @NotBlank @Size(max = 200) String name,
        @NotNull @Positive Long categoryId,
        @Size(max = 4000) String description,

        @Size(max = 10)
        List<@NotBlank @Size(max = 500) @Pattern(regexp = "^https://\\S+$", message = "must be an https URL") String>
                images,

        @Schema(description = "ACTIVE (default) or ARCHIVED") @Pattern(regexp = "^(ACTIVE|ARCHIVED)$")
        String status,

        @Schema(description = "Default: all stores") @Valid Publication publication,

        @Schema(description = "On create: at least one SKU. Ignored on update.") @Size(max = 100)
        List<@Valid @NotNull SkuRequest> skus,

        Long version) {}
