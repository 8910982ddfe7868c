package io.mendian.booking.course.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mendian.booking.course.api.CourseRequest;

class SeriesTest {

    @Test
    void aWeeklyClassKeepsItsLocalTimeAcrossADaylightSavingChange() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // Saturdays at 19:00 from 2026-10-24 for three weeks: the clocks go back on 2026-11-01.
        List<Instant> starts = Courses.series(
                new CourseRequest.Series(LocalDate.of(2026, 10, 24), Set.of(6), LocalTime.of(19, 0), 3), newYork);
        assertEquals(3, starts.size());
        for (Instant start : starts) {
            assertEquals(LocalTime.of(19, 0), start.atZone(newYork).toLocalTime());
        }
        // The week across the change (31 October to 7 November) lasts an hour longer in real time.
        assertEquals(Duration.ofDays(7).plusHours(1), Duration.between(starts.get(1), starts.get(2)));
    }

    @Test
    void aSeriesOnTwoDaysAWeekHasTwoSessionsEachWeek() {
        List<Instant> starts = Courses.series(
                new CourseRequest.Series(LocalDate.of(2026, 12, 7), Set.of(1, 3), LocalTime.of(18, 30), 4),
                ZoneId.of("Asia/Shanghai"));
        assertEquals(8, starts.size());
    }
}
