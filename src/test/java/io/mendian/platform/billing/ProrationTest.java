package io.mendian.platform.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

/** Proration to the second in Shanghai time, half-up to the fen. */
class ProrationTest {

    private static final BillingPeriod JANUARY = new BillingPeriod(YearMonth.of(2027, 1));

    @Test
    void theWholeMonthIsTheWholePriceAndNothingIsLeftAfterIt() {
        assertEquals(99_900, Proration.remainder(99_900, JANUARY, JANUARY.start()));
        assertEquals(
                99_900, Proration.remainder(99_900, JANUARY, JANUARY.start().minusSeconds(86_400)));
        assertEquals(0, Proration.remainder(99_900, JANUARY, JANUARY.end()));
    }

    @Test
    void theSecondHalfOfA31DayMonthIsRoundedHalfUpToTheFen() {
        // From Jan 16 12:00 Shanghai: 15.5 of 31 days left, exactly half.
        var from =
                LocalDateTime.of(2027, 1, 16, 12, 0).atZone(BillingPeriod.ZONE).toInstant();
        assertEquals(49_950, Proration.remainder(99_900, JANUARY, from));
        assertEquals(1, Proration.remainder(1, JANUARY, from), "0.5 fen rounds up");
    }

    @Test
    void periodsAreShanghaiCalendarMonths() {
        assertEquals(
                "2027-01",
                BillingPeriod.of(LocalDateTime.of(2026, 12, 31, 16, 30)
                                .atZone(java.time.ZoneOffset.UTC)
                                .toInstant())
                        .toString());
        assertEquals(31L * 86_400, JANUARY.length().toSeconds());
    }
}
