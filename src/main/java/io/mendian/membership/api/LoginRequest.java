package io.mendian.membership.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The code {@code wx.login()} gave the mini-program. */
public record LoginRequest(
        @Schema(description = "From wx.login(); valid 5 minutes, once")
        @NotBlank
        @Pattern(regexp = "^[A-Za-z0-9_-]{1,128}$")
        String code) {}
