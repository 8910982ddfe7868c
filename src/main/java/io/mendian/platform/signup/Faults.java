package io.mendian.platform.signup;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;

/**
 * Crash points for resilience tests, inert unless {@code mendian.faults.enabled=true} (never in production).
 * {@code mendian.faults.halt-at} kills the JVM like {@code kill -9} at a named point; {@link #arm} makes the next
 * pass through a point throw {@link SimulatedCrash}, which unwinds the worker without any cleanup.
 */
@ApplicationScoped
public class Faults {

    private final boolean enabled;
    private final String haltAt;
    private final AtomicReference<String> armed = new AtomicReference<>();
    private final AtomicReference<String> armedFailure = new AtomicReference<>();
    private final java.util.Set<String> tripped = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Faults(
            @ConfigProperty(name = "mendian.faults.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "mendian.faults.halt-at", defaultValue = "none") String haltAt) {
        this.enabled = enabled;
        this.haltAt = haltAt;
    }

    public void checkpoint(String point) {
        if (!enabled) {
            return;
        }
        if (point.equals(haltAt)) {
            Log.warnf("fault injection: halting the JVM at %s", point);
            Runtime.getRuntime().halt(137);
        }
        if (consume(armed, point)) {
            tripped.add(point);
            throw new SimulatedCrash(point);
        }
        if (consume(armedFailure, point)) {
            tripped.add(point);
            throw new IllegalStateException("injected failure at " + point);
        }
    }

    /** AtomicReference compares by identity; points are built at run time, so compare by value. */
    private static boolean consume(AtomicReference<String> slot, String point) {
        String current = slot.get();
        return point.equals(current) && slot.compareAndSet(current, null);
    }

    public void arm(String point) {
        if (!enabled) {
            throw new IllegalStateException("fault injection is disabled");
        }
        armed.set(point);
    }

    /** Makes the next pass through the point fail like a step would (an exception the saga records). */
    public void armFailure(String point) {
        if (!enabled) {
            throw new IllegalStateException("fault injection is disabled");
        }
        armedFailure.set(point);
    }

    /** Whether an armed point has fired (and consumes the record). */
    public boolean tripped(String point) {
        return tripped.remove(point);
    }

    /** An Error, so that no {@code catch (RuntimeException)} on the way up records a clean failure. */
    public static final class SimulatedCrash extends Error {
        public SimulatedCrash(String point) {
            super("simulated crash at " + point);
        }
    }
}
