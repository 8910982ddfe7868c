package io.mendian.booking.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One start of an item at a store. */
public record SlotView(
        Instant startsAt,

        @Schema(description = "The start on the store's own clock, HH:mm")
        String localTime,

        @Schema(description = "The store's calendar day of the start")
        LocalDate localDate,

        @Schema(description = "How many more bookings this start takes (0: full)")
        int left,

        @Schema(description = "Who is free for the whole length (items that need a person)")
        List<Long> staffIds) {}
