package io.mendian.catalog.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.tenancy.RedisKeys;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Consumer catalogue pages cached as JSON under {@code t:<brand>:catalog:page:<store>:<versions>:<query hash>}. A
 * miss is computed by one request while concurrent ones wait briefly for its result (stampede protection); if Redis
 * is unavailable the page is computed from PostgreSQL, never served stale.
 */
@ApplicationScoped
public class CatalogCache {

    private static final long TTL_SECONDS = 600;
    private static final String LOOKUP = """
            local b = redis.call('GET', KEYS[1])
            local s = redis.call('GET', KEYS[2])
            if not b or not s then return {b or false, s or false, false} end
            return {b, s, redis.call('GET', ARGV[1] .. ':' .. b .. '.' .. s .. ':' .. ARGV[2]) or false}
            """;
    private final ValueCommands<String, String> values;
    private final RedisDataSource redis;
    private final CatalogVersions versions;
    private final TenantContext tenant;
    private final ObjectMapper json;

    public CatalogCache(RedisDataSource redis, CatalogVersions versions, TenantContext tenant, ObjectMapper json) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.versions = versions;
        this.tenant = tenant;
        this.json = json;
    }

    /**
     * The page as JSON, from the cache or from {@code loader}. On a miss {@code precondition} runs before anything is
     * written to Redis (version counters, fill lock), so that a request naming a store that does not exist writes
     * nothing.
     */
    public String page(long storeId, String query, Runnable precondition, Supplier<Object> loader) {
        TenantId brand = tenant.require();
        String key;
        String prefix = RedisKeys.tenant(brand, "catalog", "page", String.valueOf(storeId));
        String suffix = hash(query);
        try {
            // Hit path in one round trip: read both versions and the page they name inside one script.
            var hit = redis.execute(
                    "EVAL", LOOKUP, "2", versions.brandKey(brand), versions.storeKey(brand, storeId), prefix, suffix);
            if (hit.get(2) != null) {
                return hit.get(2).toString();
            }
            // A miss: the script already read the versions; only counters that do not exist yet need seeding (and
            // a freshly seeded version names no page, so there is nothing more to look up).
            precondition.run();
            String version = hit.get(0) != null && hit.get(1) != null
                    ? hit.get(0) + "." + hit.get(1)
                    : versions.of(brand, storeId);
            key = prefix + ":" + version + ":" + suffix;
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            Log.warnf("catalogue cache unavailable (%s); reading PostgreSQL", e.getMessage());
            precondition.run();
            return write(loader.get());
        }
        String lock = key + ":fill";
        var acquired = redis.execute("SET", lock, "1", "NX", "PX", "3000");
        if (acquired == null) {
            for (int i = 0; i < 50; i++) {
                sleep(10);
                String filled = values.get(key);
                if (filled != null) {
                    return filled;
                }
            }
        }
        try {
            String page = write(loader.get());
            values.setex(key, TTL_SECONDS, page);
            return page;
        } finally {
            if (acquired != null) {
                redis.key().del(lock);
            }
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
