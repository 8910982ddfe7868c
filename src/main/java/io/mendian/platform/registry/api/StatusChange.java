package io.mendian.platform.registry.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the operator suspends or resumes a brand; kept in the audit log and shown to the brand's staff. */
public record StatusChange(@NotBlank @Size(max = 500) String reason) {}
