package io.mendian.store.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.store.NearbyStoreFilter;
import io.mendian.store.api.NearbyStoreView;
import io.mendian.store.api.ShopStoreView;
import io.mendian.store.domain.StoreStatus;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;

/**
 * Nearest-store search over a per-brand Redis GEO set ({@code t:<brand>:stores:geo}) plus a hash of consumer store
 * views. Both are updated after every committed store change, and rebuilt from PostgreSQL when the ready marker is
 * missing (Redis restarted, first use) or has expired (hourly self-healing), so Redis is never the source of truth.
 */
@ApplicationScoped
public class StoreGeoIndex {

    /**
     * One round trip: nearest members with distances, searched in widening rings (500 m, x3, up to the requested
     * radius) because GEOSEARCH sorts everything inside the radius and dense cities hold hundreds of stores within
     * 3 km; then the cached views of the hits. Stopping at the first ring with enough hits is exact: every store
     * outside a ring is farther than every store inside it.
     */
    private static final String NEAREST = """
            if redis.call('EXISTS', KEYS[3]) == 0 then return false end
            local radius = tonumber(ARGV[3])
            local count = tonumber(ARGV[4])
            local r = math.min(500, radius)
            local hits
            while true do
              hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', r, 'm', 'ASC', 'COUNT', count, 'WITHDIST')
              if #hits >= count or r >= radius then break end
              r = math.min(r * 3, radius)
            end
            local views = {}
            if #hits > 0 then
              local ids = {}
              for i, hit in ipairs(hits) do ids[i] = hit[1] end
              views = redis.call('HMGET', KEYS[2], unpack(ids))
            end
            return {hits, views}
            """;

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final ObjectMapper json;
    private final TenantContext tenant;
    private final Instance<NearbyStoreFilter> filters;
    private final StoreIndexWriter writer;
    private final StoreSearchFallback fallback;

    public StoreGeoIndex(
            RedisDataSource redis,
            ObjectMapper json,
            TenantContext tenant,
            Instance<NearbyStoreFilter> filters,
            StoreIndexWriter writer,
            StoreSearchFallback fallback) {
        this.writer = writer;
        this.fallback = fallback;
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.json = json;
        this.tenant = tenant;
        this.filters = filters;
    }

    /** A cached view parsed once per distinct JSON text: nearest-store search is hot and the views rarely change. */
    private record Parsed(ShopStoreView view, io.mendian.store.domain.BusinessHours hours, java.time.ZoneId zone) {}

    private final com.github.benmanes.caffeine.cache.Cache<String, Parsed> parsed =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(20_000)
                    .build();

    private Parsed parsed(String raw) {
        return parsed.get(raw, text -> {
            ShopStoreView view = read(text);
            return new Parsed(
                    view,
                    view.hours() == null ? io.mendian.store.domain.BusinessHours.none() : safeHours(view),
                    java.time.ZoneId.of(view.timeZone() == null ? "Asia/Shanghai" : view.timeZone()));
        });
    }

    public List<NearbyStoreView> nearby(
            BigDecimal lat, BigDecimal lng, int radiusMeters, int limit, Map<String, String> filterParams) {
        TenantId brand = tenant.require();
        List<NearbyStoreFilter> active = new ArrayList<>();
        filterParams.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                active.add(filters.stream()
                        .filter(f -> f.parameter().equals(name))
                        .findFirst()
                        .orElseThrow(() -> ProblemException.badRequest(
                                "unsupported-filter", name + " filtering is not available yet")));
            }
        });
        // Over-fetch when filters may drop candidates, so that the caller still gets up to `limit` stores.
        int fetch = active.isEmpty() ? limit : Math.min(limit * 5, 200);
        StoreSearchFallback.Nearest nearest;
        try {
            nearest = indexed(brand, lat, lng, radiusMeters, fetch);
        } catch (RuntimeException e) {
            Log.warnf("store index unavailable (%s); searching PostgreSQL", e.getMessage());
            nearest = fallback.nearest(lat, lng, radiusMeters, fetch);
        }
        Map<Long, Double> distances = nearest.distances();
        Map<Long, String> rawViews = nearest.views();
        List<Long> ids = new ArrayList<>(distances.keySet());
        for (NearbyStoreFilter filter : active) {
            ids = filter.retain(ids, filterParams.get(filter.parameter()));
        }
        ids = ids.subList(0, Math.min(limit, ids.size()));
        Instant now = Instant.now();
        List<NearbyStoreView> result = new ArrayList<>();
        for (Long id : ids) {
            String raw = rawViews.get(id);
            if (raw == null) {
                continue;
            }
            Parsed p = parsed(raw);
            ShopStoreView v = p.view();
            long distance = Math.round(distances.get(id));
            var fulfilment = v.fulfilment();
            boolean delivers = fulfilment != null
                    && fulfilment.delivers()
                    && distance <= fulfilment.delivery().radiusMeters();
            boolean open = v.status() == StoreStatus.OPEN && p.hours().isOpen(now, p.zone());
            Instant next = open ? null : p.hours().nextOpening(now, p.zone()).orElse(null);
            result.add(new NearbyStoreView(
                    v.id(),
                    v.name(),
                    v.status(),
                    v.city(),
                    v.district(),
                    v.address(),
                    v.latitude(),
                    v.longitude(),
                    v.phone(),
                    distance,
                    open,
                    next,
                    fulfilment == null || fulfilment.pickup(),
                    fulfilment != null && fulfilment.express(),
                    delivers,
                    delivers ? fulfilment.delivery().feeFen() : null,
                    v.images() == null || v.images().isEmpty()
                            ? null
                            : v.images().get(0)));
        }
        return result;
    }

    /** The nearest stores from the Redis index, rebuilding it first when it is missing. */
    private StoreSearchFallback.Nearest indexed(
            TenantId brand, BigDecimal lat, BigDecimal lng, int radiusMeters, int fetch) {
        // The script checks the ready marker itself, so a warm search costs exactly one round trip.
        var reply = nearest(brand, lat, lng, radiusMeters, fetch);
        if (reply == null) {
            writer.ensureIndexed(brand);
            reply = nearest(brand, lat, lng, radiusMeters, fetch);
        }
        if (reply == null) {
            // Still rebuilding (another request or instance holds the rebuild): PostgreSQL answers meanwhile.
            return fallback.nearest(lat, lng, radiusMeters, fetch);
        }
        Map<Long, Double> distances = new LinkedHashMap<>();
        Map<Long, String> rawViews = new java.util.HashMap<>();
        var hits = reply.get(0);
        var cachedViews = reply.get(1);
        for (int i = 0; i < hits.size(); i++) {
            long id = Long.parseLong(hits.get(i).get(0).toString());
            distances.put(id, Double.parseDouble(hits.get(i).get(1).toString()));
            if (cachedViews.get(i) != null) {
                rawViews.put(id, cachedViews.get(i).toString());
            }
        }
        return new StoreSearchFallback.Nearest(distances, rawViews);
    }

    private io.vertx.mutiny.redis.client.Response nearest(
            TenantId brand, BigDecimal lat, BigDecimal lng, int radiusMeters, int count) {
        return redis.execute(
                "EVAL",
                NEAREST,
                "3",
                geo(brand),
                views(brand),
                ready(brand),
                lng.toPlainString(),
                lat.toPlainString(),
                String.valueOf(radiusMeters),
                String.valueOf(count));
    }

    /** The consumer view of one listed store of the current brand. */
    public Optional<ShopStoreView> view(long storeId) {
        TenantId brand = tenant.require();
        try {
            writer.ensureIndexed(brand);
            return Optional.ofNullable(views(brand, List.of(storeId)).get(storeId))
                    .map(this::refresh);
        } catch (RuntimeException e) {
            Log.warnf("store index unavailable (%s); reading PostgreSQL", e.getMessage());
            return fallback.view(storeId).map(this::read).map(this::refresh);
        }
    }

    private Map<Long, ShopStoreView> views(TenantId brand, List<Long> ids) {
        Map<Long, ShopStoreView> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Map<String, String> raw =
                hashes.hmget(views(brand), ids.stream().map(String::valueOf).toArray(String[]::new));
        for (Long id : ids) {
            String value = raw.get(String.valueOf(id));
            if (value != null) {
                found.put(id, read(value));
            }
        }
        return found;
    }

    /** Open-now and next-opening change with the clock, not with the data: recompute them on every read. */
    private ShopStoreView refresh(ShopStoreView cached) {
        var hours = cached.hours() == null ? io.mendian.store.domain.BusinessHours.none() : safeHours(cached);
        Instant now = Instant.now();
        var zone = java.time.ZoneId.of(cached.timeZone() == null ? "Asia/Shanghai" : cached.timeZone());
        boolean open = cached.status() == StoreStatus.OPEN && hours.isOpen(now, zone);
        Instant next = open ? null : hours.nextOpening(now, zone).orElse(null);
        return new ShopStoreView(
                cached.id(),
                cached.name(),
                cached.status(),
                cached.city(),
                cached.district(),
                cached.address(),
                cached.latitude(),
                cached.longitude(),
                cached.phone(),
                open,
                next,
                cached.fulfilment(),
                cached.images(),
                cached.customerService(),
                cached.hours(),
                cached.timeZone(),
                cached.distanceMeters(),
                cached.deliversHere());
    }

    private static io.mendian.store.domain.BusinessHours safeHours(ShopStoreView view) {
        try {
            return view.hours().toBusinessHours();
        } catch (IllegalArgumentException e) {
            return io.mendian.store.domain.BusinessHours.none();
        }
    }

    private static String geo(TenantId brand) {
        return StoreIndexWriter.geo(brand);
    }

    private static String views(TenantId brand) {
        return StoreIndexWriter.views(brand);
    }

    private static String ready(TenantId brand) {
        return StoreIndexWriter.ready(brand);
    }

    private ShopStoreView read(String value) {
        try {
            return json.readValue(value, ShopStoreView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
