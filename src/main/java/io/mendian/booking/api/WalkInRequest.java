package io.mendian.booking.api;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The store books someone at the counter or on the phone. */
public record WalkInRequest(
        @NotNull @Positive Long itemId,

        @Schema(description = "Absent: anyone free who performs the item") @Positive
        Long staffId,

        @Schema(description = "On a five-minute mark; absent: now")
        Instant startsAt,

        @NotBlank @Size(max = 60) String contactName,
        @Size(max = 200) String note,

        @Schema(description = "true: the customer is here, checked in at once")
        boolean checkIn) {}
