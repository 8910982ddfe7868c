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

    /** A date column, whichever type the driver gave it. */
    public static java.time.LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (java.time.LocalDate) value;
    }

    /** The rows of a native query with positional parameters ?1, ?2, … in the order given. */
    @SuppressWarnings("unchecked")
    public static java.util.List<Object[]> list(jakarta.persistence.EntityManager em, String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.getResultList();
    }
}
