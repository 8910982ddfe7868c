package io.mendian.booking.course.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A course with its sessions, seats taken and the length of its waiting list. */
public record CourseView(
        long id,
        String code,
        String name,
        String description,
        long storeId,
        String storeName,
        Long teacherId,
        String teacherName,
        long priceFen,
        int capacity,
        int enrolled,
        int seatsLeft,
        int waiting,
        int minutes,
        int refundHours,
        String status,
        boolean lateEnrolment,

        @Schema(
                description = "What enrolling costs now: the whole price before the first session, the sessions "
                        + "ahead once it has begun (late enrolment); null when the course takes no enrolment now")
        Long priceNowFen,

        int sessionsAhead,
        List<Session> sessions) {

    /** One session; {@code local} is its start on the store's clock ("2026-12-06 19:00"). */
    public record Session(long id, int seq, Instant startsAt, Instant endsAt, String local) {}
}
