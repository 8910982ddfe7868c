package io.mendian.store.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A region as HQ creates or renames it; {@code parentId} places it in the tree (null for a top-level region). */
public record RegionRequest(
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9_-]{1,40}$", message = "1-40 of A-Z a-z 0-9 _ -")
        String code,

        @NotBlank @Size(max = 100) String name,
        @Positive Long parentId,
        Long version) {}
