package io.mendian.membership.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A refresh token from the last login or refresh. */
public record RefreshRequest(
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9_-]{20,100}$")
        String refreshToken) {}
