package io.mendian.booking.api;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Move an appointment to another start of the same item at the same store. */
public record RescheduleRequest(
        @NotNull Instant startsAt,

        @Schema(description = "A person from the slot's staffIds; absent: anyone free") @Positive
        Long staffId) {}
