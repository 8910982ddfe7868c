package io.mendian.messaging;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

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

    private final DataSource data;
    // One entry, read at most every five seconds: both gauges and every scrape share it.
    private final LoadingCache<Boolean, Backlog> backlog =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build(ignored -> read());
    private volatile Backlog last = new Backlog(0, 0);

    record Backlog(double pending, double oldestSeconds) {}

    public OutboxMetrics(DataSource data) {
        this.data = data;
    }

    void register(@Observes StartupEvent start, MeterRegistry registry) {
        Gauge.builder("mendian.outbox.pending", this, m -> m.backlog().pending())
                .description("Domain events written but not yet published to the broker")
                .register(registry);
        Gauge.builder("mendian.outbox.oldest.age", this, m -> m.backlog().oldestSeconds())
                .description("Age of the oldest unpublished domain event")
                .baseUnit("seconds")
                .register(registry);
    }

    private Backlog backlog() {
        return backlog.get(Boolean.TRUE);
    }

    private Backlog read() {
        try (Connection c = data.getConnection();
                Statement s = c.createStatement();
                // Both through the partial index on unpublished ids (ids follow the order events were written in).
                ResultSet r = s.executeQuery("select (select count(*) from platform.outbox where published_at is null),"
                        + " coalesce(extract(epoch from now() - (select occurred_at from platform.outbox where "
                        + "published_at is null order by id limit 1)), 0)")) {
            r.next();
            last = new Backlog(r.getLong(1), r.getDouble(2));
        } catch (SQLException e) {
            // Keep the last figures, cached like fresh ones: asking again on the next gauge or scrape would each wait
            // for the pool while the database is in trouble and make the whole scrape time out.
            Log.debugf("outbox metrics unavailable: %s", e.getMessage());
        }
        return last;
    }
}
