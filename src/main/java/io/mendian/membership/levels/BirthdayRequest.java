package io.mendian.membership.levels;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The member's birthday, month and day only. */
public record BirthdayRequest(
        @Schema(example = "05-20") @NotNull @Pattern(regexp = "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
        String birthday) {}
