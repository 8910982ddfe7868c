package io.mendian.booking.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the bookable starts of one item on one day from when the store is open, when each person works, and what
 * is already taken. Pure, so that the arithmetic (breaks, daylight-saving days, capacity) is tested without a
 * database; the caller reads the rows and writes nothing.
 */
public final class SlotPlanner {

    private SlotPlanner() {}

    /** A start: how many more bookings it takes ({@code left}) and who is free for the whole length. */
    public record Slot(Instant startsAt, int left, List<Long> staffIds) {}

    /**
     * What to plan.
     *
     * @param length the item's duration
     * @param step the spacing of starts from the beginning of each working interval
     * @param capacity bookings of the item the store takes at once (its chairs or room)
     * @param needsStaff whether each booking needs one free person for its whole length
     * @param storeOpenings when the store is open that day
     * @param staffWindows when each person who performs the item works that day (ignored without needsStaff)
     * @param earliest no start before this (now, plus any lead time)
     * @param latest no start after this (the booking horizon)
     */
    public record Request(
            Duration length,
            Duration step,
            int capacity,
            boolean needsStaff,
            List<Instant[]> storeOpenings,
            Map<Long, List<Instant[]>> staffWindows,
            Instant earliest,
            Instant latest) {}

    /**
     * @param itemTaken bookings of the item per cell at this store
     * @param staffTaken per person, their bookings per cell (any item)
     */
    public static List<Slot> plan(
            Request r, Map<Instant, Integer> itemTaken, Map<Long, Map<Instant, Integer>> staffTaken) {
        TreeMap<Instant, List<Long>> starts = new TreeMap<>();
        if (r.needsStaff()) {
            r.staffWindows().forEach((staff, windows) -> {
                Map<Instant, Integer> busy = staffTaken.getOrDefault(staff, Map.of());
                for (Instant[] window : merge(intersect(merge(windows), merge(r.storeOpenings())))) {
                    for (Instant t : startsIn(window, r)) {
                        List<Long> free = starts.computeIfAbsent(t, k -> new ArrayList<>());
                        if (!free.contains(staff) && allFree(busy, t, r.length(), 1)) {
                            free.add(staff);
                        }
                    }
                }
            });
        } else {
            for (Instant[] window : merge(r.storeOpenings())) {
                for (Instant t : startsIn(window, r)) {
                    starts.putIfAbsent(t, new ArrayList<>());
                }
            }
        }
        List<Slot> slots = new ArrayList<>();
        starts.forEach((t, free) -> {
            int left = r.capacity() - peak(itemTaken, t, r.length());
            if (r.needsStaff()) {
                left = Math.min(left, free.size());
            }
            free.sort(Long::compare);
            slots.add(new Slot(t, Math.max(0, left), left > 0 ? List.copyOf(free) : List.of()));
        });
        return slots;
    }

    /** Whether every cell of [t, t + length) has fewer than {@code capacity} bookings. */
    public static boolean allFree(Map<Instant, Integer> taken, Instant t, Duration length, int capacity) {
        return peak(taken, t, length) < capacity;
    }

    private static int peak(Map<Instant, Integer> taken, Instant t, Duration length) {
        int peak = 0;
        for (Instant cell : Cells.of(t, t.plus(length))) {
            peak = Math.max(peak, taken.getOrDefault(cell, 0));
        }
        return peak;
    }

    private static List<Instant> startsIn(Instant[] window, Request r) {
        List<Instant> starts = new ArrayList<>();
        Instant first = alignUp(window[0]);
        for (Instant t = first; !t.plus(r.length()).isAfter(window[1]); t = t.plus(r.step())) {
            if (!t.isBefore(r.earliest()) && !t.isAfter(r.latest())) {
                starts.add(t);
            }
        }
        return starts;
    }

    private static Instant alignUp(Instant at) {
        long cell = Cells.SIZE.toSeconds();
        long seconds = at.getEpochSecond() + (at.getNano() > 0 ? 1 : 0);
        long aligned = Math.ceilDiv(seconds, cell) * cell;
        return Instant.ofEpochSecond(aligned);
    }

    /**
     * Spans that overlap or touch made one ("09:00-12:00" and "12:00-18:00" are one stretch of work, and a booking may
     * run across noon), in time order.
     */
    public static List<Instant[]> merge(List<Instant[]> spans) {
        List<Instant[]> sorted = new ArrayList<>(spans);
        sorted.sort(java.util.Comparator.comparing((Instant[] span) -> span[0]));
        List<Instant[]> merged = new ArrayList<>();
        for (Instant[] span : sorted) {
            Instant[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && !span[0].isAfter(last[1])) {
                if (span[1].isAfter(last[1])) {
                    last[1] = span[1];
                }
            } else {
                merged.add(new Instant[] {span[0], span[1]});
            }
        }
        return merged;
    }

    /** The overlaps of two lists of spans. */
    public static List<Instant[]> intersect(List<Instant[]> a, List<Instant[]> b) {
        List<Instant[]> out = new ArrayList<>();
        for (Instant[] x : a) {
            for (Instant[] y : b) {
                Instant from = x[0].isAfter(y[0]) ? x[0] : y[0];
                Instant until = x[1].isBefore(y[1]) ? x[1] : y[1];
                if (until.isAfter(from)) {
                    out.add(new Instant[] {from, until});
                }
            }
        }
        return out;
    }
}
