package io.mendian.store.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store's weekly opening hours with dated exceptions (holidays, temporary closures, special hours), evaluated in
 * the store's own time zone. An interval may run past midnight ("22:00-02:00"), as late-night cafes do; the part
 * after midnight belongs to the day it started on.
 */
public final class BusinessHours {

    private static final Pattern INTERVAL =
            Pattern.compile("^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])$");
    private static final int SEARCH_DAYS = 14;

    /** One opening interval; {@code end} before or equal to {@code start} means it ends the next day. */
    public record Interval(LocalTime start, LocalTime end, boolean overnight) {

        public static Interval parse(String text) {
            Matcher m = INTERVAL.matcher(text == null ? "" : text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("opening interval must look like 09:00-21:00, got " + text);
            }
            LocalTime start = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            int endHour = Integer.parseInt(m.group(3));
            int endMinute = Integer.parseInt(m.group(4));
            if (endHour == 24 && endMinute != 0) {
                throw new IllegalArgumentException("24:" + m.group(4) + " is not a time");
            }
            boolean toMidnight = endHour == 24;
            LocalTime end = toMidnight ? LocalTime.MIDNIGHT : LocalTime.of(endHour, endMinute);
            if (end.equals(start) && !toMidnight) {
                throw new IllegalArgumentException("an interval cannot start and end at the same time: " + text);
            }
            return new Interval(start, end, toMidnight || !end.isAfter(start));
        }

        LocalDateTime opensOn(LocalDate day) {
            return day.atTime(start);
        }

        LocalDateTime closesOn(LocalDate day) {
            return overnight ? day.plusDays(1).atTime(end) : day.atTime(end);
        }
    }

    /** A dated exception: closed all day, or open only in the given intervals. */
    public record Exception(LocalDate date, boolean closed, List<Interval> intervals, String note) {}

    private final Map<DayOfWeek, List<Interval>> weekly;
    private final Map<LocalDate, Exception> exceptions;

    public BusinessHours(Map<DayOfWeek, List<Interval>> weekly, List<Exception> exceptions) {
        this.weekly = new EnumMap<>(DayOfWeek.class);
        this.weekly.putAll(weekly);
        this.exceptions = new java.util.HashMap<>();
        for (Exception e : exceptions) {
            if (this.exceptions.put(e.date(), e) != null) {
                throw new IllegalArgumentException("two exceptions for " + e.date());
            }
        }
    }

    /** Always closed (a store whose hours were never set). */
    public static BusinessHours none() {
        return new BusinessHours(Map.of(), List.of());
    }

    private List<Interval> intervalsOn(LocalDate day) {
        Exception exception = exceptions.get(day);
        if (exception != null) {
            return exception.closed() ? List.of() : exception.intervals();
        }
        return weekly.getOrDefault(day.getDayOfWeek(), List.of());
    }

    /**
     * The intervals that open on the day, as instants in the zone (an overnight one runs into the next day). A local
     * time skipped by a daylight-saving change moves forward by the gap, as {@link java.time.ZonedDateTime} does.
     */
    public List<Instant[]> openingsOn(LocalDate day, ZoneId zone) {
        return intervalsOn(day).stream()
                .map(i -> new Instant[] {
                    i.opensOn(day).atZone(zone).toInstant(),
                    i.closesOn(day).atZone(zone).toInstant()
                })
                .toList();
    }

    public boolean isOpen(Instant at, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        // Yesterday's overnight interval may still be running.
        for (LocalDate day : List.of(local.toLocalDate().minusDays(1), local.toLocalDate())) {
            for (Interval interval : intervalsOn(day)) {
                if (!local.isBefore(interval.opensOn(day)) && local.isBefore(interval.closesOn(day))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The next time the store opens after {@code at}, within two weeks; empty when it is open now or never opens. */
    public Optional<Instant> nextOpening(Instant at, ZoneId zone) {
        if (isOpen(at, zone)) {
            return Optional.empty();
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        for (int i = 0; i <= SEARCH_DAYS; i++) {
            LocalDate day = local.toLocalDate().plusDays(i);
            Optional<LocalDateTime> first = intervalsOn(day).stream()
                    .map(interval -> interval.opensOn(day))
                    .filter(opens -> opens.isAfter(local))
                    .min(LocalDateTime::compareTo);
            if (first.isPresent()) {
                return Optional.of(first.get().atZone(zone).toInstant());
            }
        }
        return Optional.empty();
    }
}
