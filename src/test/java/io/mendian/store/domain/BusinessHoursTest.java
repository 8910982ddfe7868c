package io.mendian.store.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mendian.store.domain.BusinessHours.Interval;

class BusinessHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static java.time.Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private final BusinessHours weekdays = new BusinessHours(
            Map.of(
                    DayOfWeek.MONDAY, List.of(Interval.parse("09:00-12:00"), Interval.parse("13:00-21:00")),
                    DayOfWeek.FRIDAY, List.of(Interval.parse("22:00-02:00"))),
            List.of(new BusinessHours.Exception(LocalDate.parse("2026-11-30"), true, List.of(), "staff training")));

    @Test
    void openInsideAnIntervalAndClosedOverLunch() {
        assertTrue(weekdays.isOpen(at("2026-11-23T09:00:00"), SHANGHAI));
        assertFalse(weekdays.isOpen(at("2026-11-23T12:30:00"), SHANGHAI));
        assertEquals(Optional.of(at("2026-11-23T13:00:00")), weekdays.nextOpening(at("2026-11-23T12:30:00"), SHANGHAI));
        assertFalse(weekdays.isOpen(at("2026-11-23T21:00:00"), SHANGHAI));
    }

    @Test
    void anOvernightIntervalBelongsToTheDayItStarted() {
        assertTrue(weekdays.isOpen(at("2026-11-28T01:30:00"), SHANGHAI)); // Saturday early morning, Friday's shift
        assertFalse(weekdays.isOpen(at("2026-11-28T02:00:00"), SHANGHAI));
    }

    @Test
    void aClosedExceptionOverridesTheWeeklyHoursAndNextOpeningSkipsIt() {
        assertFalse(weekdays.isOpen(at("2026-11-30T10:00:00"), SHANGHAI));
        assertEquals(Optional.of(at("2026-12-04T22:00:00")), weekdays.nextOpening(at("2026-11-30T10:00:00"), SHANGHAI));
    }

    @Test
    void theStoresOwnTimeZoneDecides() {
        var utcInstant = at("2026-11-23T09:30:00");
        assertTrue(weekdays.isOpen(utcInstant, SHANGHAI));
        assertFalse(weekdays.isOpen(utcInstant, ZoneId.of("Europe/London")));
    }

    @Test
    void malformedIntervalsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Interval.parse("9-21"));
        assertThrows(IllegalArgumentException.class, () -> Interval.parse("25:00-26:00"));
        assertThrows(IllegalArgumentException.class, () -> Interval.parse("10:00-10:00"));
        assertTrue(Interval.parse("00:00-24:00").overnight());
    }
}
