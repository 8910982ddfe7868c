package io.mendian.platform.registry;

import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * A per-instance cache for registry answers read on every request (standing, appid owner, plan), on Caffeine. Entries
 * expire after a TTL chosen per value, so a miss (a negative entry) can live shorter than a hit; and the cache is
 * bounded, so anonymous requests naming ever new appids evict old answers instead of growing the heap.
 */
public final class TtlCache<K, V> {

    /** A wrapper so that a null answer ("no such appid") can be cached as a negative entry. */
    private record Entry<V>(V value) {}

    private final Cache<K, Entry<V>> entries;

    public TtlCache(ToLongFunction<V> ttlNanos, long maximumSize) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new Expiry<K, Entry<V>>() {
                    @Override
                    public long expireAfterCreate(K key, Entry<V> entry, long now) {
                        return ttlNanos.applyAsLong(entry.value());
                    }

                    @Override
                    public long expireAfterUpdate(K key, Entry<V> entry, long now, long current) {
                        return ttlNanos.applyAsLong(entry.value());
                    }

                    @Override
                    public long expireAfterRead(K key, Entry<V> entry, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    public V get(K key, Supplier<V> loader) {
        Entry<V> entry = entries.getIfPresent(key);
        if (entry != null) {
            return entry.value();
        }
        // Loaded outside Caffeine's compute lock: the loader may open a transaction, and two concurrent misses for
        // one key simply both read the registry.
        V fresh = loader.get();
        entries.put(key, new Entry<>(fresh));
        return fresh;
    }

    public void remove(K key) {
        entries.invalidate(key);
    }

    public void clear() {
        entries.invalidateAll();
    }

    public void removeValues(Predicate<V> which) {
        entries.asMap().values().removeIf(entry -> which.test(entry.value()));
    }
}
