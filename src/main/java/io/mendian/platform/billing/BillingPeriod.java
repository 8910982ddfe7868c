package io.mendian.platform.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.mendian.web.ProblemException;

/** A calendar month in China Standard Time: the unit invoices, metering and proration are counted in. */
public record BillingPeriod(YearMonth month) {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static BillingPeriod of(Instant instant) {
        return new BillingPeriod(YearMonth.from(instant.atZone(ZONE)));
    }

    /** Parses "2026-12" from a request: 400 when malformed. */
    public static BillingPeriod parse(String text) {
        try {
            return new BillingPeriod(YearMonth.parse(text == null ? "" : text.strip()));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-period", "period must look like 2026-12");
        }
    }

    public Instant start() {
        return month.atDay(1).atStartOfDay(ZONE).toInstant();
    }

    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
    }

    public Duration length() {
        return Duration.between(start(), end());
    }

    public BillingPeriod next() {
        return new BillingPeriod(month.plusMonths(1));
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
