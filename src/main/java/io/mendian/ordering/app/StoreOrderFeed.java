package io.mendian.ordering.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.messaging.ClusterSignals;
import io.mendian.operations.Draining;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.TenantId;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * The store console's live feed: every change to the store's orders (a new paid order, a step, a cancellation) as it
 * is committed, read from the orders' timeline. A trigger on the timeline signals every instance when a change
 * commits ({@link ClusterSignals}, topic {@code store-feed}), so a console is told at once whichever instance it is
 * connected to and whichever wrote the change; the timeline is then read by id, which lets a reconnecting console
 * resume after the last event it saw ({@code Last-Event-ID}). A slow poll is the backstop should a signal be lost.
 * Only the connected consoles' wake-ups are kept in memory. When the instance shuts down every feed ends at once
 * ({@link Draining}) and the consoles reconnect elsewhere, where they resume from their last event.
 */
@ApplicationScoped
public class StoreOrderFeed {

    /** One timeline entry of one of the store's orders. */
    public record Change(long id, String orderNo, String status, String actor, String at) {}

    /**
     * Timeline ids are taken when a change is written, not when it commits: a change may commit after one with a
     * higher id was already read. Each read therefore looks this many ids back and skips what it already sent.
     */
    static final int LOOKBACK = 200;

    private final Shards shards;
    private final TenantContext tenant;
    private final Duration every;
    private final Duration lifetime;
    /** Wakes a feed to read; a feed told {@link #STOP} ends. */
    private static final long WAKE = 0;

    private static final long STOP = -1;
    private final Map<String, Set<MultiEmitter<? super Long>>> waiting = new ConcurrentHashMap<>();
    private final Draining draining;

    public StoreOrderFeed(
            Shards shards,
            TenantContext tenant,
            ClusterSignals signals,
            Draining draining,
            @ConfigProperty(name = "mendian.ordering.feed-poll", defaultValue = "15S") Duration every,
            @ConfigProperty(name = "mendian.ordering.feed-lifetime", defaultValue = "5M") Duration lifetime) {
        this.shards = shards;
        this.tenant = tenant;
        this.every = every;
        this.lifetime = lifetime;
        this.draining = draining;
        signals.on("store-feed", this::wake);
        draining.onDrain(() -> waiting.values().forEach(feeds -> feeds.forEach(feed -> feed.emit(STOP))));
    }

    /**
     * The store's changes after {@code after} (the newest existing one when null: a fresh console starts from now),
     * as they happen.
     */
    public Multi<Change> follow(long storeId, Long after) {
        TenantId brand = tenant.require();
        String schema = brand.schema();
        String key = schema + ":" + storeId;
        Cursor cursor = new Cursor(after != null ? after : newest(brand));
        Multi<Long> signalled = Multi.createFrom()
                .emitter(
                        emitter -> {
                            waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                                    .add(emitter);
                            emitter.onTermination(() -> waiting.computeIfPresent(key, (k, feeds) -> {
                                feeds.remove(emitter);
                                return feeds.isEmpty() ? null : feeds;
                            }));
                            if (draining.draining()) {
                                emitter.emit(STOP);
                            }
                        },
                        BackPressureStrategy.LATEST);
        Multi<Long> polled =
                Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(every);
        return Multi.createBy()
                .merging()
                .streams(polled, signalled)
                // Ends here, before overflowing ticks are dropped, so that a stop is never lost among them.
                .select()
                .first(tick -> tick != STOP)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onOverflow()
                .drop()
                .onItem()
                .transformToIterable(tick -> cursor.fresh(since(brand, storeId, cursor.from())))
                // A stream ends after a while (proxies drop idle ones anyway); EventSource reconnects with the last id.
                .select()
                .first(lifetime);
    }

    private void wake(String key) {
        if (ClusterSignals.RESYNC.equals(key)) {
            waiting.values().forEach(feeds -> feeds.forEach(feed -> feed.emit(WAKE)));
            return;
        }
        waiting.getOrDefault(key, Set.of()).forEach(feed -> feed.emit(WAKE));
    }

    /** Where one console's feed stands: never below where it started, re-reading a little to catch late commits. */
    private static final class Cursor {
        private final long floor;
        private long last;
        private final LinkedHashSet<Long> sent = new LinkedHashSet<>();

        Cursor(long floor) {
            this.floor = floor;
            this.last = floor;
        }

        synchronized long from() {
            return Math.max(floor, last - LOOKBACK);
        }

        synchronized List<Change> fresh(List<Change> read) {
            List<Change> fresh = new ArrayList<>();
            for (Change change : read) {
                if (sent.add(change.id())) {
                    fresh.add(change);
                    last = Math.max(last, change.id());
                }
            }
            while (sent.size() > 4 * LOOKBACK) {
                sent.removeFirst();
            }
            return fresh;
        }
    }

    /** Read on the brand's shard (asked each time: a long-lived feed follows a brand that moved). */
    private long newest(TenantId brand) {
        String schema = brand.schema();
        try (Connection c = shards.of(brand).getConnection();
                var s = c.createStatement();
                ResultSet r = s.executeQuery("select coalesce(max(id), 0) from " + schema + ".order_event")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Change> since(TenantId brand, long storeId, long after) {
        String schema = brand.schema();
        List<Change> changes = new ArrayList<>();
        try (Connection c = shards.of(brand).getConnection();
                PreparedStatement s = c.prepareStatement("select e.id, o.order_no, e.status, e.actor, e.at from "
                        + schema + ".order_event e join " + schema + ".customer_order o on o.id = e.order_id where "
                        + "o.store_id = ? and e.id > ? and o.status <> 'PENDING_PAYMENT' and not o.awaiting_group order by e.id "
                        + "limit " + (LOOKBACK + 300))) {
            s.setLong(1, storeId);
            s.setLong(2, after);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    changes.add(new Change(
                            r.getLong(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getTimestamp(5)
                                    .toInstant()
                                    .atOffset(ZoneOffset.UTC)
                                    .toString()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return changes;
    }
}
