package io.mendian.store.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Opening hours as written by HQ or the store: intervals per weekday ("09:00-21:00", overnight "22:00-02:00") and
 * dated exceptions (holidays, temporary closures, special hours).
 */
public record Hours(
        @Size(max = 7) Map<DayOfWeek, @Size(max = 6) List<String>> weekly,
        @Size(max = 366) List<@Valid @NotNull DatedException> exceptions) {

    public record DatedException(
            @NotNull LocalDate date,
            boolean closed,
            @Size(max = 6) List<String> intervals,
            @Size(max = 100) String note) {}

    /** Parses into the evaluating model; throws IllegalArgumentException with a readable message when malformed. */
    public BusinessHours toBusinessHours() {
        Map<DayOfWeek, List<BusinessHours.Interval>> days = new EnumMap<>(DayOfWeek.class);
        if (weekly != null) {
            weekly.forEach((day, intervals) -> days.put(day, parse(intervals)));
        }
        List<BusinessHours.Exception> dated = exceptions == null
                ? List.of()
                : exceptions.stream()
                        .map(e -> new BusinessHours.Exception(
                                e.date(), e.closed(), e.closed() ? List.of() : parse(e.intervals()), e.note()))
                        .toList();
        return new BusinessHours(days, dated);
    }

    private static List<BusinessHours.Interval> parse(List<String> intervals) {
        return intervals == null
                ? List.of()
                : intervals.stream().map(BusinessHours.Interval::parse).toList();
    }
}
