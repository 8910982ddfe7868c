package io.mendian.identity.staff;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Invite someone (new or with an existing account) to the brand's staff. */
public record InviteRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 60) String name,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull GrantRequest> grants) {}
