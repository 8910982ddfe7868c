package io.mendian.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mendian.booking.domain.DayIntervals;
import io.mendian.booking.domain.SlotPlanner;
import io.mendian.booking.domain.SlotPlanner.Slot;

/** The arithmetic of open starts, without a database. */
class SlotPlannerTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2027, 5, 10);

    private static List<Instant[]> on(String... intervals) {
        return DayIntervals.parse(List.of(intervals)).on(DAY, SHANGHAI);
    }

    private static List<String> times(List<Slot> slots) {
        return slots.stream()
                .filter(s -> s.left() > 0)
                .map(s -> s.startsAt().atZone(SHANGHAI).toLocalTime().toString())
                .toList();
    }

    private static List<Slot> plan(List<Instant[]> store, Map<Long, List<Instant[]>> people, int capacity) {
        var request = new SlotPlanner.Request(
                Duration.ofMinutes(60),
                Duration.ofMinutes(30),
                capacity,
                !people.isEmpty(),
                store,
                people,
                Instant.EPOCH,
                Instant.MAX);
        return SlotPlanner.plan(request, Map.of(), Map.of());
    }

    @Test
    void aBookingMayRunAcrossTwoShiftsThatTouch() {
        List<String> times = times(plan(on("08:00-20:00"), Map.of(1L, on("09:00-12:00", "12:00-14:00")), 1));
        assertEquals(List.of("09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00"), times);
    }

    @Test
    void aBreakIsNeverBookedAndStartsAfterItFollowTheNextShift() {
        List<String> times = times(plan(on("08:00-20:00"), Map.of(1L, on("09:00-11:00", "13:15-15:00")), 1));
        assertEquals(List.of("09:00", "09:30", "10:00", "13:15", "13:45"), times);
    }

    @Test
    void overlappingOpeningsCountAPersonOnce() {
        // Store hours may overlap (two intervals typed that way); shifts may not.
        List<Instant[]> openings = new java.util.ArrayList<>(on("09:00-12:00"));
        openings.addAll(on("10:00-13:00"));
        List<Slot> slots = plan(openings, Map.of(1L, on("09:00-13:00")), 3);
        Slot ten = slots.stream()
                .filter(s -> s.startsAt().atZone(SHANGHAI).getHour() == 10
                        && s.startsAt().atZone(SHANGHAI).getMinute() == 0)
                .findFirst()
                .orElseThrow();
        assertEquals(1, ten.left());
        assertEquals(List.of(1L), ten.staffIds());
    }

    @Test
    void withoutPeopleTheItemsOwnCapacityIsWhatIsLeft() {
        List<Slot> slots = plan(on("09:00-11:00"), Map.of(), 4);
        assertEquals(List.of(4, 4, 4), slots.stream().map(Slot::left).toList());
    }

    @Test
    void aShiftMayEndAtMidnight() {
        List<String> times = times(plan(on("18:00-24:00"), Map.of(1L, on("20:00-24:00")), 1));
        assertEquals(List.of("20:00", "20:30", "21:00", "21:30", "22:00", "22:30", "23:00"), times);
        assertEquals(
                List.of("20:00-24:00"),
                DayIntervals.parse(List.of("20:00-24:00")).texts());
    }

    @Test
    void midnightOnlyEndsAnInterval() {
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DayIntervals.parse(List.of("24:00-24:00")));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DayIntervals.parse(List.of("22:00-24:30")));
    }
}
