package io.mendian.booking.api;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member books a start from the slots list. */
public record BookRequest(
        @NotNull @Positive Long storeId,
        @NotNull @Positive Long itemId,

        @Schema(description = "A person from the slot's staffIds; absent: anyone free") @Positive
        Long staffId,

        @Schema(description = "A startsAt from the slots list") @NotNull
        Instant startsAt,

        @Size(max = 60) String contactName,
        @Size(max = 200) String note) {}
