package io.mendian.booking.course.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A course as HQ writes it while it is a draft: what, where, who teaches, its price and seats, and its sessions. */
public record CourseRequest(
        @Schema(description = "Unique within the brand, such as YOGA-101-DEC")
        @NotBlank
        @Pattern(regexp = "^[A-Z0-9_-]{1,40}$")
        String code,

        @NotBlank @Size(max = 100) String name,
        @Size(max = 1000) String description,
        @NotNull @Positive Long storeId,

        @Schema(description = "The teacher: a person of the store's booking staff; absent: none is booked") @Positive
        Long teacherId,

        @Schema(description = "Tuition for the whole course, in fen (0: free, confirmed on enrolment)")
        @Min(0)
        @Max(100_000_000)
        long priceFen,

        @Schema(description = "Seats") @Min(1) @Max(500) int capacity,

        @Schema(description = "Minutes per session: 5 to 720, a multiple of 5") @Min(5) @Max(720)
        int minutes,

        @Schema(
                description = "A session not yet begun is refunded on cancellation only when it starts at least this "
                        + "many hours later (0 to 720)")
        @Min(0)
        @Max(720)
        int refundHours,

        @Schema(
                description = "Members may join after the first session, paying the tuition of the sessions still "
                        + "ahead (price × sessions ahead / sessions, rounded down to the fen)")
        boolean lateEnrolment,

        @Schema(description = "Single sessions by their start (a five-minute mark); give these or a series")
        @Size(max = 100)
        List<@NotNull Instant> sessions,

        @Schema(description = "A weekly series on the store's own calendar; give this or single sessions") @Valid
        Series series) {

    /** Weekly on the given days at one time of the store's clock, from a date, for a number of weeks. */
    public record Series(
            @NotNull LocalDate from,

            @Schema(description = "ISO weekdays, 1 Monday to 7 Sunday") @NotEmpty @Size(max = 7)
            Set<@Min(1) @Max(7) Integer> weekdays,

            @Schema(
                    description = "The store's local time, such as 19:00",
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    example = "19:00")
            @NotNull
            LocalTime at,

            @Min(1) @Max(52) int weeks) {}
}
