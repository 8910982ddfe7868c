package io.mendian.identity.staff;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A role and where it applies. */
public record GrantRequest(
        @Schema(description = "hq_admin, hq_staff, region_manager, store_manager or store_clerk")
        @NotBlank
        @Pattern(regexp = "^(hq_admin|hq_staff|region_manager|store_manager|store_clerk)$")
        String role,

        @Schema(description = "all, region/<id> or store/<id>")
        @NotBlank
        @Pattern(regexp = "^(all|region/[1-9][0-9]{0,17}|store/[1-9][0-9]{0,17})$")
        String scope) {}
