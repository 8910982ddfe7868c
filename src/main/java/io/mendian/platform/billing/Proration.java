package io.mendian.platform.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * Share of a monthly amount for part of a billing period, to the second, rounded half-up to the fen. Computed in
 * BigDecimal so that a 31-day month and large per-store totals lose nothing to floating point.
 */
public final class Proration {

    private Proration() {}

    /** The part of {@code monthlyFen} that falls between {@code from} and the end of {@code period}. */
    public static long remainder(long monthlyFen, BillingPeriod period, Instant from) {
        Instant start = from.isBefore(period.start()) ? period.start() : from;
        if (!start.isBefore(period.end())) {
            return 0;
        }
        return share(monthlyFen, Duration.between(start, period.end()), period.length());
    }

    static long share(long monthlyFen, Duration part, Duration whole) {
        return BigDecimal.valueOf(monthlyFen)
                .multiply(BigDecimal.valueOf(part.toSeconds()))
                .divide(BigDecimal.valueOf(whole.toSeconds()), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
