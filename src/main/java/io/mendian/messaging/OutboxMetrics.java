package io.mendian.messaging;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.mendian.tenancy.Shards;
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

    private final Shards shards;
    // One entry, read at most every five seconds: both gauges and every scrape share it.
    private final LoadingCache<Boolean, Backlog> backlog =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build(ignored -> read());
    private volatile Backlog last = new Backlog(0, 0);

    record Backlog(double pending, double oldestSeconds) {}

    public OutboxMetrics(Shards shards) {
        this.shards = shards;
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

    /** The backlog of every shard's outbox: events pending in all, and the oldest of them anywhere. */
    private Backlog read() {
        double pending = 0;
        double oldest = 0;
        boolean complete = true;
        for (String shard : shards.names()) {
            try (Connection c = shards.dataSource(shard).getConnection();
                    Statement s = c.createStatement();
                    // Both through the partial index on unpublished ids (ids follow the order events were written in).
                    ResultSet r =
                            s.executeQuery("select (select count(*) from platform.outbox where published_at is null),"
                                    + " coalesce(extract(epoch from now() - (select occurred_at from platform.outbox"
                                    + " where published_at is null order by id limit 1)), 0)")) {
                r.next();
                pending += r.getLong(1);
                oldest = Math.max(oldest, r.getDouble(2));
            } catch (SQLException e) {
                complete = false;
                Log.debugf("outbox metrics of shard %s unavailable: %s", shard, e.getMessage());
            }
        }
        // A server that did not answer would make the figures look better than they are: keep the last ones instead,
        // cached like fresh ones, since asking again on every gauge and scrape would each wait for the pool.
        if (complete) {
            last = new Backlog(pending, oldest);
        }
        return last;
    }
}
