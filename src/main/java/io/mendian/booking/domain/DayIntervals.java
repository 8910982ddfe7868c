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
 * The working intervals of one day, such as {@code 09:00-12:00} and {@code 13:00-18:00} (the gap is the break). Times
 * are on five-minute marks, so that slots and capacity cells line up; intervals may not overlap or pass midnight.
 */
public record DayIntervals(List<Interval> intervals) {

    private static final Pattern TEXT =
            Pattern.compile("^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])$");

    public record Interval(LocalTime starts, LocalTime ends) {

        @Override
        public String toString() {
            return starts + "-" + ends;
        }
    }

    /** Parses and checks; throws {@link IllegalArgumentException} with words a person can act on. */
    public static DayIntervals parse(List<String> texts) {
        List<Interval> parsed = new ArrayList<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            Matcher m = TEXT.matcher(text == null ? "" : text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("a working interval looks like 09:00-12:00, got " + text);
            }
            LocalTime starts = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            LocalTime ends = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            if (starts.getMinute() % 5 != 0 || ends.getMinute() % 5 != 0) {
                throw new IllegalArgumentException("working times are on five-minute marks, got " + text);
            }
            if (!ends.isAfter(starts)) {
                throw new IllegalArgumentException("an interval ends after it starts (within the day), got " + text);
            }
            parsed.add(new Interval(starts, ends));
        }
        parsed.sort(Comparator.comparing(Interval::starts));
        for (int i = 1; i < parsed.size(); i++) {
            if (parsed.get(i).starts().isBefore(parsed.get(i - 1).ends())) {
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
                .map(i -> new Instant[] {
                    day.atTime(i.starts()).atZone(zone).toInstant(),
                    day.atTime(i.ends()).atZone(zone).toInstant()
                })
                .filter(span -> span[1].isAfter(span[0]))
                .toList();
    }
}
