package io.mendian.operations;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * The moment this instance starts to shut down (SIGTERM), before the HTTP server stops taking requests and waits for
 * the ones in flight. Long-lived responses (the store consoles' live feeds) end here, so that they reconnect to
 * another instance instead of holding the shutdown until its timeout.
 */
@ApplicationScoped
public class Draining {

    private final List<Runnable> handlers = new CopyOnWriteArrayList<>();
    private volatile boolean draining;

    /** True once the shutdown has begun: new long-lived responses should end at once. */
    public boolean draining() {
        return draining;
    }

    /** Runs {@code handler} when the shutdown begins (at once if it already has). */
    public void onDrain(Runnable handler) {
        handlers.add(handler);
        if (draining) {
            handler.run();
        }
    }

    void begin(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        Log.infof("shutting down: ending %d long-lived response handler(s)", handlers.size());
        for (Runnable handler : handlers) {
            try {
                handler.run();
            } catch (RuntimeException e) {
                Log.warnf(e, "a drain handler failed");
            }
        }
    }
}
