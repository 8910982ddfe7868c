package io.mendian.identity.staff;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The complete set of a staff member's grants in this brand (replaces the current set). */
public record GrantsRequest(@NotNull @Size(max = 20) List<@Valid @NotNull GrantRequest> grants) {}
