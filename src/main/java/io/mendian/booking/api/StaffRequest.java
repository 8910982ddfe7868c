package io.mendian.booking.api;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person who performs service items at a store, with the items and their weekly shifts. */
public record StaffRequest(
        @NotBlank @Size(max = 60) String name,
        @Size(max = 60) String title,

        @Schema(description = "false: no new bookings with this person; existing ones stand")
        Boolean active,

        @Schema(description = "The service items this person performs") @Size(max = 200)
        Set<Long> itemIds,

        @Schema(
                description = "Working intervals per weekday, such as {\"MONDAY\": [\"09:00-12:00\", "
                        + "\"13:00-18:00\"]}; a missing day is a day off; times on five-minute marks")
        Map<DayOfWeek, @Size(max = 8) List<String>> weekly) {}
