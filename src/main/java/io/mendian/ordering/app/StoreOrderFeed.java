package io.mendian.ordering.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.tenancy.TenantContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The store console's live feed: every change to the store's orders (a new paid order, a step, a cancellation) as it
 * is committed, read from the orders' timeline. Polling the timeline by id makes the feed work the same whichever
 * instance the console is connected to and lets a reconnecting console resume after the last event it saw
 * ({@code Last-Event-ID}); nothing is kept in instance memory.
 */
@ApplicationScoped
public class StoreOrderFeed {

    /** One timeline entry of one of the store's orders. */
    public record Change(long id, String orderNo, String status, String actor, String at) {}

    private final DataSource data;
    private final TenantContext tenant;
    private final Duration every;
    private final Duration lifetime;

    public StoreOrderFeed(
            DataSource data,
            TenantContext tenant,
            @ConfigProperty(name = "mendian.ordering.feed-poll", defaultValue = "2S") Duration every,
            @ConfigProperty(name = "mendian.ordering.feed-lifetime", defaultValue = "5M") Duration lifetime) {
        this.data = data;
        this.tenant = tenant;
        this.every = every;
        this.lifetime = lifetime;
    }

    /**
     * The store's changes after {@code after} (the newest existing one when null: a fresh console starts from now),
     * as they happen.
     */
    public Multi<Change> follow(long storeId, Long after) {
        String schema = tenant.require().schema();
        AtomicLong last = new AtomicLong(after != null ? after : newest(schema));
        return Multi.createFrom()
                .ticks()
                .startingAfter(Duration.ofMillis(1))
                .every(every)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onOverflow()
                .drop()
                .onItem()
                .transformToIterable(tick -> {
                    List<Change> changes = since(schema, storeId, last.get());
                    if (!changes.isEmpty()) {
                        last.set(changes.get(changes.size() - 1).id());
                    }
                    return changes;
                })
                // A stream ends after a while (proxies drop idle ones anyway); EventSource reconnects with the last id.
                .select()
                .first(lifetime);
    }

    private long newest(String schema) {
        try (Connection c = data.getConnection();
                var s = c.createStatement();
                ResultSet r = s.executeQuery("select coalesce(max(id), 0) from " + schema + ".order_event")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Change> since(String schema, long storeId, long after) {
        List<Change> changes = new ArrayList<>();
        try (Connection c = data.getConnection();
                PreparedStatement s = c.prepareStatement("select e.id, o.order_no, e.status, e.actor, e.at from "
                        + schema + ".order_event e join " + schema + ".customer_order o on o.id = e.order_id where "
                        + "o.store_id = ? and e.id > ? and o.status <> 'PENDING_PAYMENT' and not o.awaiting_group order by e.id "
                        + "limit 200")) {
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
