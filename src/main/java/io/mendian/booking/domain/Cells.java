package io.mendian.booking.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Capacity is counted in five-minute cells of real time (instants, not wall-clock times), so that a booking across a
 * daylight-saving change occupies exactly the minutes it lasts. Every start and duration is a multiple of five
 * minutes, and so is every time zone's offset in use today.
 */
public final class Cells {

    public static final Duration SIZE = Duration.ofMinutes(5);

    private Cells() {}

    /** The cells of [from, until). */
    public static List<Instant> of(Instant from, Instant until) {
        List<Instant> cells = new ArrayList<>();
        for (Instant t = from; t.isBefore(until); t = t.plus(SIZE)) {
            cells.add(t);
        }
        return cells;
    }

    /** Whether a start is one a calendar can hold: from a day ago to two years ahead (the rest is hostile input). */
    public static boolean plausible(Instant at) {
        Instant now = Instant.now();
        return at.isAfter(now.minus(Duration.ofDays(1))) && at.isBefore(now.plus(Duration.ofDays(731)));
    }

    /**
     * The five-minute mark at or before the instant. Counted in UTC: every time zone's offset in use is a multiple of
     * five minutes, so it is the same mark on the store's clock.
     */
    public static Instant floor(Instant at) {
        Instant minute = at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        return minute.minus(java.time.Duration.ofMinutes(
                minute.atZone(java.time.ZoneOffset.UTC).getMinute() % 5));
    }

    public static boolean aligned(Instant at) {
        return at.getEpochSecond() % SIZE.toSeconds() == 0 && at.getNano() == 0;
    }

    /** The resource of an item's own capacity at a store (its chairs, its room). */
    public static String item(long itemId, long storeId) {
        return "i:" + itemId + "@" + storeId;
    }

    /** The resource of one person: one booking at a time, whatever the item. */
    public static String staff(long staffId) {
        return "s:" + staffId;
    }
}
