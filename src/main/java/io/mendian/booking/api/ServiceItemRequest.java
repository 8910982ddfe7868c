package io.mendian.booking.api;

import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A service item as HQ edits it. */
public record ServiceItemRequest(
        @Schema(description = "Unique within the brand, such as FACIAL")
        @NotBlank
        @Pattern(regexp = "^[A-Z0-9_-]{1,40}$")
        String code,

        @NotBlank @Size(max = 100) String name,
        @Size(max = 500) String description,

        @Schema(description = "Duration in minutes: 5 to 720, a multiple of 5") @Min(5) @Max(720)
        int minutes,

        @Schema(description = "Price in fen (0: free or paid at the store)") @Min(0) @Max(100_000_000)
        long priceFen,

        @Schema(description = "Bookings a store takes at once (chairs, beds, a room's places)") @Min(1) @Max(500)
        int capacity,

        @Schema(description = "Whether each booking needs one person for its whole length")
        boolean needsStaff,

        @Schema(description = "The stores that offer it; absent or null: every store, including new ones")
        @Size(max = 1000)
        Set<Long> storeIds,

        @Schema(description = "false retires it: no new bookings; existing ones stand")
        Boolean active,

        @Schema(
                description = "true: a priced item is paid online when booked, and the payment confirms the booking "
                        + "(a hold unpaid when it lapses is released); false or absent: paid at the store")
        Boolean prepay) {}
