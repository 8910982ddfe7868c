package io.mendian.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Parses optional query parameters with a 400 problem on bad values. JAX-RS would answer a failed conversion of a
 * typed query parameter with a bare 404, which tells the client nothing.
 */
public final class QueryParams {

    private QueryParams() {}

    public static <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "invalid-" + name, name + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An optional ISO date (2026-12-03); null when absent, a 400 invalid-date problem when it is not a date. */
    public static LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-date", name + " must be a date like 2026-12-03");
        }
        // java.time reads years up to 999,999,999; PostgreSQL's dates and people's calendars stop well before.
        if (date.getYear() < 1900 || date.getYear() > 2999) {
            throw ProblemException.badRequest("invalid-date", name + " must be a date between 1900 and 2999");
        }
        return date;
    }

    /** A required ISO date (a path's date): a 400 invalid-date problem when absent or not a date. */
    public static LocalDate requiredDate(String name, String raw) {
        LocalDate date = date(name, raw);
        if (date == null) {
            throw ProblemException.badRequest("invalid-date", name + " must be a date like 2026-12-03");
        }
        return date;
    }

    public static Long positiveLong(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the problem
        }
        throw ProblemException.badRequest("invalid-" + name, name + " must be a positive integer");
    }

    /** A path id: a positive integer, or a 400 problem (never a null that unboxes into a 500). */
    public static long requiredId(String name, String raw) {
        Long value = positiveLong(name, raw);
        if (value == null) {
            throw ProblemException.badRequest("invalid-" + name, name + " must be a positive integer");
        }
        return value;
    }

    /**
     * A case-insensitive "contains" pattern for {@code lower(column) like :q escape '\\'}: the caller's text with
     * the LIKE wildcards escaped, so that "50%_off" matches literally.
     */
    public static String containsPattern(String raw) {
        String escaped = raw.trim()
                .toLowerCase()
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }

    public static String text(String name, String raw, int max) {
        if (raw != null && raw.length() > max) {
            throw ProblemException.badRequest("invalid-" + name, name + " is longer than " + max + " characters");
        }
        return raw;
    }
}
