package io.mendian.booking.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An appointment as its member or the store sees it. */
public record AppointmentView(
        long id,

        @Schema(description = "Shown at the store to check in")
        String code,

        long storeId,
        long itemId,
        String itemName,
        Long staffId,
        String staffName,
        Long memberId,
        String contactName,
        String note,

        @Schema(description = "ONLINE (a member booked) or WALK_IN (the store did)")
        String source,

        Instant startsAt,
        Instant endsAt,

        @Schema(description = "The start on the store's own clock")
        LocalDate localDate,

        String localTime,
        String timeZone,

        @Schema(description = "HELD, CONFIRMED, CHECKED_IN, COMPLETED, CANCELLED, EXPIRED or NO_SHOW")
        String status,

        long priceFen,

        @Schema(description = "A late-cancellation fee owed, in fen")
        long feeFen,

        @Schema(description = "When an unconfirmed hold lapses")
        Instant holdExpiresAt,

        Instant checkedInAt,
        String closeReason,
        Instant createdAt,
        List<Event> timeline,

        @Schema(
                description = "A priced item is paid online with this order (its payment confirms the hold); absent "
                        + "when paid at the store")
        String orderNo) {

    public record Event(Instant at, String kind, String actor, String detail) {}
}
