package io.mendian.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.mendian.tenancy.Shards;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Signals to every instance of the app that something committed: a cached answer to drop, a store whose live order
 * feed has news. They travel through PostgreSQL's LISTEN/NOTIFY, which is transactional: a signal sent inside a
 * transaction reaches the other instances when, and only if, it commits, with no second write to keep in step (a
 * message to Redis or the broker could leave before the commit or be lost after it). Every instance listens on one
 * dedicated connection; after that connection is lost and found again, every handler is told to resynchronise (drop
 * everything, wake every feed), because signals sent meanwhile were missed.
 *
 * <p>Signals are hints, never data: handlers re-read PostgreSQL. Caches keep their short TTLs and feeds a slow poll as
 * the backstop should the listener be down.
 */
@ApplicationScoped
public class ClusterSignals {

    /** The one channel; the payload is {@code topic \n value}. Tenant schemas also send on it from a trigger. */
    public static final String CHANNEL = "mendian_signals";

    /** What handlers receive after a reconnection: everything may have changed. */
    public static final String RESYNC = "*";

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final Shards shards;
    private final AfterCommit afterCommit;
    private final List<Thread> listeners = new ArrayList<>();
    private volatile boolean running;

    public ClusterSignals(Shards shards, AfterCommit afterCommit) {
        this.shards = shards;
        this.afterCommit = afterCommit;
    }

    /** Calls {@code handler} with the value of every signal on {@code topic}, from this instance and the others. */
    public void on(String topic, Consumer<String> handler) {
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /**
     * Calls {@code one} with the key of every signal on {@code topic}, and {@code all} instead after a reconnection
     * (when signals may have been missed): the shape of every cache's handler.
     */
    public void onKey(String topic, Consumer<String> one, Runnable all) {
        on(topic, value -> {
            if (RESYNC.equals(value)) {
                all.run();
            } else {
                one.accept(value);
            }
        });
    }

    /**
     * Sends a signal to every instance: inside a transaction it leaves once that transaction commits (not at all if it
     * rolls back), outside one at once. This instance's handlers are called right after the commit, so that its next
     * request never races the notification's round trip (they may then hear it once more from the listener).
     *
     * <p>The notification goes out on the default server after the commit, never inside the transaction: the
     * transaction may hold a brand's shard or the control plane's server, and one transaction never enlists two
     * (docs/adr/0022). An instance that dies between the commit and the notification loses the signal; the caches'
     * TTL and the feeds' poll are the backstop for exactly that.
     */
    public void send(String topic, String value) {
        afterCommit.run(() -> {
            deliver(topic, value);
            notifyOthers(topic, value);
        });
    }

    private void notifyOthers(String topic, String value) {
        try (Connection c = shards.dataSource(Shards.DEFAULT).getConnection();
                PreparedStatement notify = c.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, topic + "\n" + value);
            notify.execute();
        } catch (SQLException e) {
            Log.warnf(
                    "cluster signal %s %s not sent (the other instances catch up by TTL): %s",
                    topic, value, e.getMessage());
        }
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (String shard : shards.names()) {
            listeners.add(Thread.ofPlatform()
                    .daemon()
                    .name("cluster-signals-" + shard)
                    .start(() -> listen(shard)));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        listeners.forEach(Thread::interrupt);
    }

    private void listen(String shard) {
        boolean connectedBefore = false;
        while (running) {
            try (Connection c = shards.openUnpooled(shard)) {
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + CHANNEL);
                }
                if (connectedBefore) {
                    Log.infof(
                            "cluster signals: listening on shard %s again; every cache and feed resynchronises", shard);
                    handlers.keySet().forEach(topic -> deliver(topic, RESYNC));
                }
                connectedBefore = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications((int) WAIT.toMillis());
                    if (received == null) {
                        ping(c); // a dead connection shows here rather than as endless silence
                        continue;
                    }
                    for (PGNotification n : received) {
                        String payload = n.getParameter();
                        int split = payload.indexOf('\n');
                        if (split > 0) {
                            deliver(payload.substring(0, split), payload.substring(split + 1));
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    Log.warnf(
                            "cluster signals: listener on shard %s lost (%s); retrying in %s",
                            shard, e.getMessage(), RETRY);
                    sleep();
                }
            }
        }
    }

    private static void ping(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select 1")) {
            p.execute();
        }
    }

    private void deliver(String topic, String value) {
        for (Consumer<String> handler : handlers.getOrDefault(topic, List.of())) {
            try {
                handler.accept(value);
            } catch (RuntimeException e) {
                Log.warnf(e, "cluster signal %s %s: handler failed", topic, value);
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
