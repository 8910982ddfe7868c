package io.mendian.platform.signup;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a brand submits to sign up. */
public record SignupRequest(
        @Schema(example = "Acme Coffee") @NotBlank @Size(max = 100)
        String brandName,

        @Schema(
                description =
                        "Brand id: lower-case letters, digits and hyphens, 3-31 characters, starting with a letter",
                example = "acme-coffee")
        @NotBlank
        @Pattern(
                regexp = "^[a-z][a-z0-9-]{2,30}$",
                message = "must be 3-31 lower-case letters, digits or hyphens, starting with a letter")
        String slug,

        @Schema(example = "owner@acme.example") @NotBlank @Email @Size(max = 254)
        String adminEmail,

        @Schema(description = "An industry template in tenant-provisioning/templates", example = "cafe")
        @NotBlank
        @Size(max = 40)
        String industry,

        @Schema(description = "A self-service plan from tenant-provisioning/plans.yaml", example = "basic")
        @NotBlank
        @Size(max = 40)
        String plan,

        @Schema(
                description =
                        "Not accepted (422 appid-needs-authorization): a mini-program is bound to the brand only by "
                                + "WeChat's authorization from HQ; signup assigns a sandbox appid for browsing meanwhile")
        @Pattern(regexp = "^wx[0-9a-f]{16}$", message = "must look like wx followed by 16 hex digits")
        String appid) {}
