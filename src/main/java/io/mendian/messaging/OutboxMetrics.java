package io.mendian.messaging;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * How far the outbox relay is behind: events not yet handed to the broker, and the age of the oldest one. Both grow
 * while the broker is away (the app keeps working; docs/operations/incidents.md) and fall back to zero when it returns,
 * which makes them the broker alert rather than a readiness probe. Read at most every few seconds, however often the
 * metrics are scraped.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final long FRESH_NANOS = 5_000_000_000L;
    private final DataSource data;
    private volatile long readAt;
    private volatile double pending;
    private volatile double oldestSeconds;

    public OutboxMetrics(DataSource data) {
        this.data = data;
    }

    void register(@Observes StartupEvent start, MeterRegistry registry) {
        Gauge.builder("mendian.outbox.pending", this, m -> m.read().pending)
                .description("Domain events written but not yet published to the broker")
                .register(registry);
        Gauge.builder("mendian.outbox.oldest.age", this, m -> m.read().oldestSeconds)
                .description("Age of the oldest unpublished domain event")
                .baseUnit("seconds")
                .register(registry);
    }

    private synchronized OutboxMetrics read() {
        if (System.nanoTime() - readAt < FRESH_NANOS) {
            return this;
        }
        try (Connection c = data.getConnection();
                Statement s = c.createStatement();
                // Both through the partial index on unpublished ids (ids follow the order events were written in).
                ResultSet r = s.executeQuery("select (select count(*) from platform.outbox where published_at is null),"
                        + " coalesce(extract(epoch from now() - (select occurred_at from platform.outbox where "
                        + "published_at is null order by id limit 1)), 0)")) {
            r.next();
            pending = r.getLong(1);
            oldestSeconds = r.getDouble(2);
            readAt = System.nanoTime();
        } catch (SQLException e) {
            // Keep the last figures; and do not ask again on the next gauge or scrape, which would each wait for the
            // pool while the database is in trouble and make the whole scrape time out.
            readAt = System.nanoTime();
            Log.debugf("outbox metrics unavailable: %s", e.getMessage());
        }
        return this;
    }
}
