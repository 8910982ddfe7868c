package io.mendian.store;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mendian.identity.AccessPolicy;
import io.mendian.identity.StoreLocator;
import io.mendian.messaging.ClusterSignals;
import io.mendian.store.domain.StoreStatus;
import io.mendian.store.persistence.RegionTree;
import io.mendian.store.persistence.StoreEntity;
import io.mendian.tenancy.TenantContext;

/** What other contexts (and the access policy) may ask about the current tenant's stores. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StoreApi implements StoreLocator {

    private static final String SIGNAL = "store";

    /**
     * Store ids that are not browsable, per brand, for a couple of seconds: anonymous shop requests naming ids that do
     * not exist are answered from here instead of PostgreSQL. Bounded; a change to the store on this instance drops
     * the entry at once (after commit), other instances within the TTL.
     */
    private final Cache<String, Boolean> notBrowsable = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofSeconds(2))
            .build();

    private final RegionTree regions;
    private final TenantContext tenant;

    private final ClusterSignals signals;

    public StoreApi(RegionTree regions, TenantContext tenant, ClusterSignals signals) {
        this.regions = regions;
        this.tenant = tenant;
        this.signals = signals;
        signals.onKey(SIGNAL, notBrowsable::invalidate, notBrowsable::invalidateAll);
    }

    @Override
    public Optional<Optional<Long>> regionOf(long storeId) {
        List<Long> found = StoreEntity.getEntityManager()
                .createQuery("select coalesce(s.regionId, -1L) from StoreEntity s where s.id = :id", Long.class)
                .setParameter("id", storeId)
                .getResultList();
        return found.stream().findFirst().map(r -> r < 0 ? Optional.<Long>empty() : Optional.of(r));
    }

    @Override
    public boolean isWithin(long regionId, long ancestorId) {
        return regions.isWithin(regionId, ancestorId);
    }

    /** The store's region and all its ancestors (nearest first); empty when the store has no region or does not exist. */
    public List<Long> regionPath(long storeId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = StoreEntity.getEntityManager()
                .createNativeQuery("with recursive up(id, parent_id, depth) as ("
                        + "select r.id, r.parent_id, 0 from region r join store s on s.region_id = r.id where s.id = :store "
                        + "union all select p.id, p.parent_id, up.depth + 1 from region p join up on p.id = up.parent_id where up.depth < 64) "
                        + "select id from up order by depth")
                .setParameter("store", storeId)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Whether consumers can browse the store (it is open or temporarily paused). */
    public boolean isBrowsable(long storeId) {
        String key = tenant.require().value() + ":" + storeId;
        if (notBrowsable.getIfPresent(key) != null) {
            return false;
        }
        StoreEntity store = StoreEntity.findById(storeId);
        boolean browsable = store != null && (store.status == StoreStatus.OPEN || store.status == StoreStatus.PAUSED);
        if (!browsable) {
            notBrowsable.put(key, Boolean.TRUE);
        }
        return browsable;
    }

    /** Every instance drops its answer when the change commits (sent in the change's transaction). */
    void onStoreChanged(@Observes StoreChanged change) {
        signals.send(SIGNAL, change.tenant().value() + ":" + change.storeId());
    }

    /** Whether the region exists in the current tenant. */
    public boolean regionExists(long regionId) {
        return regions.isWithin(regionId, regionId);
    }

    /** Stores that count against the plan (every store that is not closed). */
    public long countNotClosed() {
        return StoreEntity.count("status <> ?1", StoreStatus.CLOSED);
    }

    /** Whether the store exists in the current tenant. */
    public boolean exists(long storeId) {
        return regionOf(storeId).isPresent();
    }

    /**
     * The ids of the stores a scope covers ({@code null} for a brand-wide scope, meaning "every store"), so that other
     * contexts filter their per-store rows by the caller's scope without knowing regions.
     */
    public Set<Long> storeIdsIn(AccessPolicy.StoreFilter scope) {
        if (scope.all()) {
            return null;
        }
        Set<Long> ids = new HashSet<>(scope.storeIds());
        if (!scope.regionRoots().isEmpty()) {
            Set<Long> regionIds = regions.subtree(scope.regionRoots());
            StoreEntity.getEntityManager()
                    .createQuery("select s.id from StoreEntity s where s.regionId in :regions", Long.class)
                    .setParameter("regions", regionIds)
                    .getResultList()
                    .forEach(ids::add);
        }
        return ids;
    }

    /** The store's own time zone (its day starts and ends there), or China's when the store is unknown. */
    public ZoneId timeZone(long storeId) {
        StoreEntity store = StoreEntity.findById(storeId);
        return store == null || store.timeZone == null ? ZoneId.of("Asia/Shanghai") : ZoneId.of(store.timeZone);
    }

    /** Every store's time zone in one read (China's where none is set), for reports over many stores. */
    public Map<Long, ZoneId> allTimeZones() {
        return zones(StoreEntity.getEntityManager()
                .createQuery("select s.id, s.timeZone from StoreEntity s", Object[].class)
                .getResultList());
    }

    /** The time zones of the named stores in one read (China's where none is set; unknown ids are absent). */
    public Map<Long, ZoneId> timeZones(Collection<Long> storeIds) {
        if (storeIds.isEmpty()) {
            return Map.of();
        }
        return zones(StoreEntity.getEntityManager()
                .createQuery("select s.id, s.timeZone from StoreEntity s where s.id in :ids", Object[].class)
                .setParameter("ids", storeIds)
                .getResultList());
    }

    private static Map<Long, ZoneId> zones(List<Object[]> rows) {
        Map<Long, ZoneId> zones = new HashMap<>();
        rows.forEach(r -> zones.put((Long) r[0], r[1] == null ? ZoneId.of("Asia/Shanghai") : ZoneId.of((String) r[1])));
        return zones;
    }

    /** One opening of a store, from its opening to its closing time. */
    public record Opening(java.time.Instant from, java.time.Instant until) {}

    /**
     * When the store is open on a day of its own calendar (weekly hours or that day's exception: a holiday, special
     * hours), in its time zone; empty for an unknown or closed store.
     */
    public List<Opening> openingsOn(long storeId, java.time.LocalDate day) {
        StoreEntity store = StoreEntity.findById(storeId);
        if (store == null || store.status == StoreStatus.CLOSED || store.hours == null) {
            return List.of();
        }
        try {
            return store.hours.toBusinessHours().openingsOn(day, timeZone(storeId)).stream()
                    .map(span -> new Opening(span[0], span[1]))
                    .toList();
        } catch (IllegalArgumentException unreadable) {
            return List.of();
        }
    }

    /** "code name" of every store of the brand (for exports, which label rows as they stream). */
    public Map<Long, String> allLabels() {
        Map<Long, String> labels = new HashMap<>();
        StoreEntity.getEntityManager()
                .createQuery("select s.id, s.code, s.name from StoreEntity s", Object[].class)
                .getResultList()
                .forEach(r -> labels.put((Long) r[0], r[1] + " " + r[2]));
        return labels;
    }

    /** "code name" of each existing store among the ids (unknown ids are absent). */
    public Map<Long, String> labels(Collection<Long> storeIds) {
        Map<Long, String> labels = new HashMap<>();
        if (storeIds.isEmpty()) {
            return labels;
        }
        StoreEntity.getEntityManager()
                .createQuery("select s.id, s.code, s.name from StoreEntity s where s.id in :ids", Object[].class)
                .setParameter("ids", storeIds)
                .getResultList()
                .forEach(r -> labels.put((Long) r[0], r[1] + " " + r[2]));
        return labels;
    }
}
