package io.mendian.ordering.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.mendian.web.ProblemException;

/** The day a report asks for: a date within ten years of today, or today where the report is read. */
final class ReportDates {

    private ReportDates() {}

    static LocalDate parse(String raw, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        if (raw == null || raw.isBlank()) {
            return today;
        }
        try {
            LocalDate date = LocalDate.parse(raw.strip());
            if (date.isBefore(today.minusYears(10)) || date.isAfter(today.plusDays(1))) {
                throw ProblemException.badRequest(
                        "invalid-date", "date must be within the last ten years, not in the future");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-date", "date must be a date like 2026-12-03");
        }
    }
}
