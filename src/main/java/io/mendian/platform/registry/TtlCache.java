package io.mendian.platform.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A small per-instance cache for registry answers read on every request (standing, appid owner, plan). Entries
 * expire after a TTL chosen per value, so a miss can live shorter than a hit; null values are cached too.
 */
final class TtlCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {}

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final ToLongFunction<V> ttlNanos;

    TtlCache(ToLongFunction<V> ttlNanos) {
        this.ttlNanos = ttlNanos;
    }

    V get(K key, Supplier<V> loader) {
        Entry<V> entry = entries.get(key);
        if (entry != null && System.nanoTime() < entry.expiresAt()) {
            return entry.value();
        }
        V fresh = loader.get();
        entries.put(key, new Entry<>(fresh, System.nanoTime() + ttlNanos.applyAsLong(fresh)));
        return fresh;
    }

    void remove(K key) {
        entries.remove(key);
    }

    void removeValues(Predicate<V> which) {
        entries.values().removeIf(entry -> which.test(entry.value()));
    }
}
