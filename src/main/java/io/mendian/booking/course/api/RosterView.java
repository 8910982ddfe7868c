package io.mendian.booking.course.api;

import java.time.Instant;
import java.util.List;

/** One session of a course at the store: who is enrolled and who has checked in. */
public record RosterView(
        long sessionId,
        long courseId,
        String courseName,
        String teacherName,
        int seq,
        int sessions,
        Instant startsAt,
        Instant endsAt,
        String local,
        List<Learner> learners) {

    public record Learner(long enrolmentId, String code, long memberId, int attended, Instant checkedInAt) {}
}
