package io.mendian.booking.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The brand's booking rules, one set for every store. */
public record BookingPolicy(
        @Schema(description = "Spacing of the starts offered, in minutes (5 to 120, a multiple of 5)") @Min(5) @Max(120)
        int slotMinutes,

        @Schema(description = "How long an unconfirmed booking holds its place, in minutes") @Min(1) @Max(120)
        int holdMinutes,

        @Schema(description = "Free cancellation or rescheduling up to this many minutes before the start")
        @Min(0)
        @Max(10_080)
        int cancelCutoffMinutes,

        @Schema(description = "After the cut-off: REFUSED (no cancelling or rescheduling) or FEE (cancel for a fee)")
        @NotNull
        LateCancellation lateCancellation,

        @Schema(description = "The late-cancellation fee in fen (FEE only)") @Min(0) @Max(100_000_000)
        long lateCancelFeeFen,

        @Schema(description = "How many days ahead members may book") @Min(1) @Max(365)
        int horizonDays,

        @Schema(description = "Check-in opens this many minutes before the start") @Min(0) @Max(720)
        int checkInEarlyMinutes,

        @Schema(description = "A booking may be marked a no-show this many minutes after its start") @Min(0) @Max(720)
        int noShowAfterMinutes,

        @Schema(description = "The reminder goes out this many minutes before the start") @Min(10) @Max(10_080)
        int reminderMinutes) {

    public enum LateCancellation {
        REFUSED,
        FEE
    }

    public static BookingPolicy defaults() {
        return new BookingPolicy(15, 10, 120, LateCancellation.REFUSED, 0, 30, 60, 15, 120);
    }
}
