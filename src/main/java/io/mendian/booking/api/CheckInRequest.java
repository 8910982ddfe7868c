package io.mendian.booking.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The code the member shows. */
public record CheckInRequest(@NotBlank @Size(max = 12) String code) {}
