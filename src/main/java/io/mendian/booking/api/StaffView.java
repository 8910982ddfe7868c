package io.mendian.booking.api;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A person at a store with their items, weekly shifts and coming exceptions. */
public record StaffView(
        long id,
        long storeId,
        String name,
        String title,
        boolean active,
        List<Long> itemIds,
        Map<DayOfWeek, List<String>> weekly,
        List<DayException> exceptions) {

    public record DayException(LocalDate date, List<String> intervals, String note) {}
}
