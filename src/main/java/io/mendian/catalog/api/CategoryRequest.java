package io.mendian.catalog.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A category as HQ creates or edits it; {@code parentId} places it in the tree. */
public record CategoryRequest(
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9_-]{1,40}$", message = "1-40 of A-Z a-z 0-9 _ -")
        String code,

        @NotBlank @Size(max = 100) String name,
        @Positive Long parentId,
        @Min(0) @Max(100_000) Integer sort,
        Long version) {}
