package io.mendian.catalog.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.mendian.catalog.CatalogChanged;
import io.mendian.store.RegionMoved;
import io.mendian.store.StoreChanged;
import io.mendian.tenancy.RedisKeys;
import io.mendian.tenancy.TenantId;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Version counters that name the cached catalogue entries: one per brand (products, SKUs, categories, publication)
 * and one per store (listings, prices, the store itself). A change bumps its counter after it commits and before
 * the writer gets its response, so no reader who starts after that response can be served a stale entry. A missing
 * counter (Redis restarted or evicted it) starts again from the clock, so it can never meet an old entry's name.
 */
@ApplicationScoped
public class CatalogVersions {

    private final ValueCommands<String, Long> values;
    static final long COUNTER_TTL_SECONDS = 30L * 24 * 3600;

    private final RedisDataSource redis;

    public CatalogVersions(RedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(Long.class);
    }

    /** The brand version and the store version, read in one round trip. */
    public String of(TenantId tenant, long storeId) {
        var found = values.mget(brandKey(tenant), storeKey(tenant, storeId));
        Long brand = found.get(brandKey(tenant));
        Long store = found.get(storeKey(tenant, storeId));
        if (brand == null) {
            brand = seed(brandKey(tenant));
        }
        if (store == null) {
            store = seed(storeKey(tenant, storeId));
        }
        return brand + "." + store;
    }

    void onCatalogChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogChanged change) {
        bump(change.storeId() == null ? brandKey(change.tenant()) : storeKey(change.tenant(), change.storeId()));
    }

    void onStoreChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StoreChanged change) {
        bump(storeKey(change.tenant(), change.storeId()));
    }

    void onRegionMoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) RegionMoved moved) {
        moved.storeIds().forEach(store -> bump(storeKey(moved.tenant(), store)));
    }

    private void bump(String key) {
        try {
            if (values.get(key) == null) {
                seed(key);
            }
            values.incr(key);
        } catch (RuntimeException e) {
            // The change is committed but cached pages may be stale until their TTL; say so loudly.
            Log.errorf(e, "could not bump catalogue cache version %s; cached pages expire within the cache TTL", key);
        }
    }

    private long seed(String key) {
        long start = System.currentTimeMillis() * 1000;
        // Counters expire when unused (INCR keeps the TTL): a re-seeded counter starts from the clock, so it is
        // always above any value it had before and can never name an old page.
        var set = redis.execute("SET", key, String.valueOf(start), "NX", "EX", String.valueOf(COUNTER_TTL_SECONDS));
        if (set == null) {
            Long current = values.get(key);
            return current == null ? start : current;
        }
        return start;
    }

    String brandKey(TenantId tenant) {
        return RedisKeys.tenant(tenant, "catalog", "version");
    }

    String storeKey(TenantId tenant, long storeId) {
        return RedisKeys.tenant(tenant, "catalog", "version", "store", String.valueOf(storeId));
    }
}
