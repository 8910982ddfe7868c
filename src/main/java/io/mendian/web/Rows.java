package io.mendian.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Values read from native-query rows, whose Java types vary with the driver and Hibernate version. */
public final class Rows {

    private Rows() {}

    public static OffsetDateTime offset(Object value) {
        return switch (value) {
            case OffsetDateTime odt -> odt;
            case Instant instant -> instant.atOffset(ZoneOffset.UTC);
            case java.sql.Timestamp ts -> ts.toInstant().atOffset(ZoneOffset.UTC);
            case null, default -> null;
        };
    }
}
