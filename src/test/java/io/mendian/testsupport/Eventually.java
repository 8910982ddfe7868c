package io.mendian.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something that settles asynchronously (after-commit observers, the tenant directory's cache). */
public final class Eventually {

    private Eventually() {}

    public static void holds(Duration within, Runnable assertion) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Brands.sleep(100);
            }
        }
    }

    public static void isTrue(Duration within, BooleanSupplier condition) {
        holds(within, () -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("condition not met within " + within);
            }
        });
    }
}
