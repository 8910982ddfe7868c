package io.mendian.booking.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The working intervals of one day, such as {@code 09:00-12:00} and {@code 13:00-18:00} (the gap is the break), up to
 * {@code 24:00} for a shift that ends at midnight. Times are on five-minute marks, so that slots and capacity cells
 * line up; intervals may not overlap or pass midnight.
 */
public record DayIntervals(List<Interval> intervals) {

    private static final int MIDNIGHT = 24 * 60;
    private static final Pattern TEXT =
            Pattern.compile("^([01][0-9]|2[0-3]):([0-5][0-9])-(?:([01][0-9]|2[0-3]):([0-5][0-9])|(24):(00))$");

    /** From and until, in minutes since the day's midnight (until may be 1440: the next midnight). */
    public record Interval(int from, int until) {

        public int minutes() {
            return until - from;
        }

        public String startText() {
            return text(from);
        }

        public String endText() {
            return text(until);
        }

        @Override
        public String toString() {
            return startText() + "-" + endText();
        }

        private static String text(int minutes) {
            return String.format("%02d:%02d", minutes / 60, minutes % 60);
        }

        private Instant at(LocalDate day, ZoneId zone, int minutes) {
            return minutes == MIDNIGHT
                    ? day.plusDays(1).atStartOfDay(zone).toInstant()
                    : day.atTime(LocalTime.ofSecondOfDay(minutes * 60L))
                            .atZone(zone)
                            .toInstant();
        }
    }

    /** Parses and checks; throws {@link IllegalArgumentException} with words a person can act on. */
    public static DayIntervals parse(List<String> texts) {
        List<Interval> parsed = new ArrayList<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            Matcher m = TEXT.matcher(text == null ? "" : text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "a working interval looks like 09:00-12:00 (24:00 ends at midnight), got " + text);
            }
            int from = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
            int until =
                    m.group(5) != null ? MIDNIGHT : Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
            if (from % 5 != 0 || until % 5 != 0) {
                throw new IllegalArgumentException("working times are on five-minute marks, got " + text);
            }
            if (until <= from) {
                throw new IllegalArgumentException("an interval ends after it starts (within the day), got " + text);
            }
            parsed.add(new Interval(from, until));
        }
        parsed.sort(Comparator.comparingInt(Interval::from));
        for (int i = 1; i < parsed.size(); i++) {
            if (parsed.get(i).from() < parsed.get(i - 1).until()) {
                throw new IllegalArgumentException(
                        "intervals " + parsed.get(i - 1) + " and " + parsed.get(i) + " overlap");
            }
        }
        return new DayIntervals(List.copyOf(parsed));
    }

    public List<String> texts() {
        return intervals.stream().map(Interval::toString).toList();
    }

    /**
     * The intervals of the given day as instants in the zone. A wall-clock time that a daylight-saving change skips
     * moves forward by the gap, and one it repeats takes the earlier offset, so an interval lasts the real time it
     * covers that day.
     */
    public List<Instant[]> on(LocalDate day, ZoneId zone) {
        return intervals.stream()
                .map(i -> new Instant[] {i.at(day, zone, i.from()), i.at(day, zone, i.until())})
                .filter(span -> span[1].isAfter(span[0]))
                .toList();
    }
}
