package io.mendian.ordering.report;

import java.time.LocalDate;
import java.time.ZoneId;

import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** The day a report asks for: a date within ten years of today, or today where the report is read. */
final class ReportDates {

    private ReportDates() {}

    static LocalDate parse(String raw, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        LocalDate date = QueryParams.date("date", raw);
        if (date == null) {
            return today;
        }
        // Tomorrow is allowed: a client a time zone ahead of the report's is already there.
        if (date.isBefore(today.minusYears(10)) || date.isAfter(today.plusDays(1))) {
            throw ProblemException.badRequest(
                    "invalid-date", "date must be within the last ten years, not in the future");
        }
        return date;
    }
}
