package io.mendian.store.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.store.StoreChanged;
import io.mendian.store.domain.StoreStatus;
import io.mendian.store.persistence.StoreEntity;
import io.mendian.tenancy.RedisKeys;
import io.mendian.tenancy.TenantId;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.geo.GeoItem;

/**
 * Writes the per-brand store index ({@code t:<brand>:stores:geo} and the consumer views beside it): one store after
 * each committed change, or the whole brand when the ready marker is missing.
 *
 * <p>A rebuild must never undo a change committed while it ran. It builds into keys of its own from a snapshot and
 * swaps them in atomically; every committed change first notes its store in a dirty set and then updates the live
 * keys, and after the swap the rebuild re-applies the stores noted since it started. A change that updated the old
 * keys just before the swap is therefore re-applied, and one that comes after the swap updates the new keys itself.
 */
@ApplicationScoped
public class StoreIndexWriter {

    static final Duration READY_TTL = Duration.ofHours(1);
    static final List<StoreStatus> LISTED = List.of(StoreStatus.OPEN, StoreStatus.PAUSED);
    private static final Duration DIRTY_TTL = Duration.ofMinutes(10);
    /** Renames the built keys into place (or clears the live ones for a brand with no listed store) and marks ready. */
    private static final String SWAP = """
            if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('RENAME', KEYS[3], KEYS[1]) else redis.call('DEL', KEYS[1]) end
            if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('RENAME', KEYS[4], KEYS[2]) else redis.call('DEL', KEYS[2]) end
            redis.call('SET', KEYS[5], ARGV[1], 'EX', ARGV[2])
            return 1
            """;

    /** Test hook: runs between the rebuild's snapshot and its swap. */
    private static volatile Consumer<TenantId> afterSnapshot = brand -> {};

    private final RedisDataSource redis;
    private final ObjectMapper json;

    public StoreIndexWriter(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** For tests that need a change to commit while a rebuild is in flight. */
    public static void pauseAfterSnapshot(Consumer<TenantId> hook) {
        afterSnapshot = hook == null ? brand -> {} : hook;
    }

    void onStoreChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StoreChanged change) {
        try {
            // Noted before it is applied: see the class comment for why the order matters.
            redis.set(String.class).sadd(dirty(change.tenant()), String.valueOf(change.storeId()));
            redis.key().expire(dirty(change.tenant()), DIRTY_TTL);
            reindex(change.tenant(), change.storeId());
        } catch (RuntimeException e) {
            // The write is committed; drop the ready marker so that the next search rebuilds from PostgreSQL.
            Log.errorf(
                    e,
                    "could not update the store index for %s/%d; forcing a rebuild",
                    change.tenant(),
                    change.storeId());
            try {
                redis.key().del(ready(change.tenant()));
            } catch (RuntimeException ignored) {
                // Redis is down: the marker's TTL bounds the staleness.
            }
        }
    }

    /** Makes sure the brand's index exists, rebuilding it (once across instances) when it does not. */
    void ensureIndexed(TenantId brand) {
        if (redis.key().exists(ready(brand))) {
            return;
        }
        String lock = RedisKeys.tenant(brand, "stores", "geo", "rebuilding");
        // SET NX PX in one command (Redis 6.2 has no SET NX GET): the lock expires even if this instance dies.
        var acquired = redis.execute("SET", lock, "1", "NX", "PX", "30000");
        if (acquired != null && "OK".equals(acquired.toString())) {
            try {
                rebuild(brand);
            } finally {
                redis.key().del(lock);
            }
            return;
        }
        // Another request is rebuilding; wait for it briefly rather than stampeding PostgreSQL.
        for (int i = 0; i < 100 && !redis.key().exists(ready(brand)); i++) {
            sleep(20);
        }
    }

    private void reindex(TenantId brand, long storeId) {
        StoreEntity store = QuarkusTransaction.requiringNew().call(() -> StoreEntity.<StoreEntity>findById(storeId));
        String member = String.valueOf(storeId);
        if (store == null || !LISTED.contains(store.status)) {
            redis.sortedSet(String.class).zrem(geo(brand), member);
            redis.hash(String.class).hdel(views(brand), member);
            return;
        }
        redis.geo(String.class).geoadd(geo(brand), store.longitude.doubleValue(), store.latitude.doubleValue(), member);
        redis.hash(String.class).hset(views(brand), member, StoreViews.shopJson(json, store));
    }

    private void rebuild(TenantId brand) {
        redis.key().del(dirty(brand));
        List<StoreEntity> stores =
                QuarkusTransaction.requiringNew().call(() -> StoreEntity.<StoreEntity>list("status in ?1", LISTED));
        String build = UUID.randomUUID().toString().substring(0, 8);
        String geoAside = RedisKeys.tenant(brand, "stores", "geo", "build", build);
        String viewsAside = RedisKeys.tenant(brand, "stores", "views", "build", build);
        // Batched: a brand with 100,000 stores must not cost 200,000 round trips.
        for (int from = 0; from < stores.size(); from += 1000) {
            List<StoreEntity> chunk = stores.subList(from, Math.min(from + 1000, stores.size()));
            @SuppressWarnings("unchecked")
            GeoItem<String>[] items = chunk.stream()
                    .map(s -> GeoItem.of(String.valueOf(s.id), s.longitude.doubleValue(), s.latitude.doubleValue()))
                    .toArray(GeoItem[]::new);
            redis.geo(String.class).geoadd(geoAside, items);
            Map<String, String> views = new LinkedHashMap<>();
            chunk.forEach(s -> views.put(String.valueOf(s.id), StoreViews.shopJson(json, s)));
            redis.hash(String.class).hset(viewsAside, views);
            // A rebuild that dies here leaves nothing behind for long.
            redis.key().expire(geoAside, Duration.ofMinutes(5));
            redis.key().expire(viewsAside, Duration.ofMinutes(5));
        }
        afterSnapshot.accept(brand);
        redis.execute(
                "EVAL",
                SWAP,
                "5",
                geo(brand),
                views(brand),
                geoAside,
                viewsAside,
                ready(brand),
                String.valueOf(stores.size()),
                String.valueOf(READY_TTL.toSeconds()));
        // The swap dropped whatever changes reached the old keys since the snapshot: apply them again, from PostgreSQL.
        for (String changed : redis.set(String.class).smembers(dirty(brand))) {
            reindex(brand, Long.parseLong(changed));
        }
        Log.infof("rebuilt the store index of %s: %d stores", brand, stores.size());
    }

    static String geo(TenantId brand) {
        return RedisKeys.tenant(brand, "stores", "geo");
    }

    static String views(TenantId brand) {
        return RedisKeys.tenant(brand, "stores", "views");
    }

    static String ready(TenantId brand) {
        return RedisKeys.tenant(brand, "stores", "geo", "ready");
    }

    private static String dirty(TenantId brand) {
        return RedisKeys.tenant(brand, "stores", "geo", "dirty");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
