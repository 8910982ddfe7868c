package io.mendian.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.mendian.tenancy.Shards;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;

/**
 * Publishes the outbox to the broker. Each instance runs one relay thread; they share the work by locking batches with
 * {@code FOR UPDATE SKIP LOCKED}. A batch is marked published only after the broker acknowledged every message in
 * it, in the same database transaction that locked it: if the broker is down or the instance dies, the rows stay
 * unpublished and go out when it comes back. Delivery is therefore at least once (a batch acknowledged just before
 * a crash is sent again); consumers deduplicate by event id.
 *
 * <p>Every shard has its own outbox (a brand's events are written on its own server, docs/adr/0022), so the relay runs
 * one loop per shard: a shard that is away only holds up its own brands' events.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 200;

    private final Shards shards;
    private final MutinyEmitter<String> emitter;
    private final Duration idle;
    private final Duration ackTimeout;
    private final Duration retention;
    private final Map<String, Semaphore> wakeUps = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public OutboxRelay(
            Shards shards,
            @Channel("domain-events-out") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "mendian.outbox.poll", defaultValue = "1S") Duration idle,
            @ConfigProperty(name = "mendian.outbox.ack-timeout", defaultValue = "10S") Duration ackTimeout,
            @ConfigProperty(name = "mendian.outbox.retention", defaultValue = "P7D") Duration retention) {
        this.shards = shards;
        this.emitter = emitter;
        this.idle = idle;
        this.ackTimeout = ackTimeout;
        this.retention = retention;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        for (String shard : shards.names()) {
            Semaphore wakeUp = new Semaphore(0);
            wakeUps.put(shard, wakeUp);
            DataSource data = shards.dataSource(shard);
            threads.add(
                    Thread.ofPlatform().name("outbox-relay-" + shard).daemon().start(() -> loop(data, wakeUp)));
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wakeUps.values().forEach(Semaphore::release);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(5));
        }
    }

    /** A transaction with events committed: publish now instead of at the next poll. */
    void wake() {
        // Every shard's loop: a wasted empty poll on the others is cheaper than knowing which server committed.
        wakeUps.values().forEach(Semaphore::release);
    }

    private void loop(DataSource data, Semaphore wakeUp) {
        long backoffMillis = 0;
        long sweeps = 0;
        while (running) {
            try {
                if (backoffMillis > 0) {
                    Thread.sleep(backoffMillis);
                }
                int published = publishBatch(data);
                backoffMillis = 0;
                if (published < BATCH) {
                    wakeUp.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
                if (++sweeps % 600 == 0) {
                    purge(data);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                // Broker or database unavailable: keep the rows and try again, backing off up to 10 s.
                backoffMillis = Math.min(10_000, Math.max(250, backoffMillis * 2));
                Log.warnf("outbox relay: %s; retrying in %d ms", e.getMessage(), backoffMillis);
            }
        }
    }

    /** Publishes one batch; returns how many events went out. */
    int publishBatch(DataSource data) throws SQLException {
        try (Connection connection = data.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                List<Uni<Void>> sends = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "select id, event_id, tenant_id, type, payload::text, occurred_at from platform.outbox "
                                + "where published_at is null order by id limit ? for update skip locked")) {
                    select.setInt(1, BATCH);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                            sends.add(send(
                                    rows.getString(2),
                                    rows.getString(3),
                                    rows.getString(4),
                                    rows.getString(5),
                                    rows.getTimestamp(6).toInstant().toString()));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    connection.rollback();
                    return 0;
                }
                Uni.join().all(sends).andFailFast().await().atMost(ackTimeout);
                try (PreparedStatement mark = connection.prepareStatement(
                        "update platform.outbox set published_at = now() where id = any(?)")) {
                    mark.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                    mark.executeUpdate();
                }
                connection.commit();
                return ids.size();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Uni<Void> send(String eventId, String tenant, String type, String payload, String occurredAt) {
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withMessageId(eventId)
                .withSubject(type)
                .withContentType("application/json")
                .withDurable(true)
                .withApplicationProperty("tenant", tenant)
                .withApplicationProperty("type", type)
                .withApplicationProperty("occurredAt", occurredAt)
                .build();
        return emitter.sendMessage(Message.of(payload).addMetadata(metadata));
    }

    /** Published events are kept for a while (for support and replays), then deleted. */
    private void purge(DataSource data) throws SQLException {
        try (Connection connection = data.getConnection();
                PreparedStatement purge = connection.prepareStatement(
                        "delete from platform.outbox where " + "published_at < now() - make_interval(secs => ?)")) {
            purge.setLong(1, retention.toSeconds());
            purge.executeUpdate();
        }
    }
}
