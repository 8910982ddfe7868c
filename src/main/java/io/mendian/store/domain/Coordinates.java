package io.mendian.store.domain;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one parser and validator for coordinates, whether they arrive as query text (nearest-store search) or as JSON
 * numbers (a store's location). Text must be a plain decimal (no exponent, no sign but a leading minus, at most 3
 * integer and 12 fraction digits), so that "1e99999999" or a 10,000-digit string never reaches BigDecimal arithmetic.
 */
public final class Coordinates {

    /** Redis GEO indexes latitudes up to this (Web Mercator); no store lies beyond it. */
    public static final BigDecimal GEO_INDEX_MAX_LATITUDE = new BigDecimal("85.05112878");

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("^-?\\d{1,3}(\\.\\d{1,12})?$");
    private static final int MAX_SCALE = 12;

    private Coordinates() {}

    /** A latitude, -90..90, from query text; IllegalArgumentException with a message for the client otherwise. */
    public static BigDecimal latitude(String name, String raw) {
        return parse(name, raw, 90);
    }

    /** A longitude, -180..180, from query text. */
    public static BigDecimal longitude(String name, String raw) {
        return parse(name, raw, 180);
    }

    /** Whether the point can be searched in the Redis GEO index; a point beyond it has no store within 50 km. */
    public static boolean indexable(BigDecimal latitude) {
        return latitude.abs().compareTo(GEO_INDEX_MAX_LATITUDE) <= 0;
    }

    /** Checks a JSON number: magnitude within the bound and at most {@code maxScale} decimal places. */
    public static BigDecimal check(String name, BigDecimal value, int bound, int maxScale) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.scale() > maxScale) {
            throw new IllegalArgumentException(name + " takes at most " + maxScale + " decimal places");
        }
        // Compare in a bounded precision first: a value like 1E+99999999 is out of range without expanding it.
        if (value.precision() - value.scale() > 3 || value.abs().compareTo(BigDecimal.valueOf(bound)) > 0) {
            throw new IllegalArgumentException(name + " must be between -" + bound + " and " + bound);
        }
        return value;
    }

    private static BigDecimal parse(String name, String raw, int bound) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        String text = raw.strip();
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException(name + " must be a decimal number between -" + bound + " and " + bound);
        }
        return check(name, new BigDecimal(text), bound, MAX_SCALE);
    }
}
