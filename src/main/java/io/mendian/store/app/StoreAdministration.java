package io.mendian.store.app;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import io.mendian.identity.AccessPolicy.StoreFilter;
import io.mendian.store.StoreChanged;
import io.mendian.store.api.ShopStoreView;
import io.mendian.store.api.StoreProfileRequest;
import io.mendian.store.api.StoreRequest;
import io.mendian.store.api.StoreView;
import io.mendian.store.domain.Fulfilment;
import io.mendian.store.domain.GeoPoint;
import io.mendian.store.domain.Hours;
import io.mendian.store.domain.StoreStatus;
import io.mendian.store.persistence.RegionEntity;
import io.mendian.store.persistence.RegionTree;
import io.mendian.store.persistence.StoreEntity;
import io.mendian.tenancy.PlanLimits;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.UsageChanged;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** HQ store administration in the current tenant's schema. */
@ApplicationScoped
@Transactional
public class StoreAdministration {

    private final RegionTree regions;
    private final Event<StoreChanged> changes;
    private final TenantContext tenant;

    private final PlanLimits limits;

    private final Event<UsageChanged> usage;

    public StoreAdministration(
            RegionTree regions,
            Event<StoreChanged> changes,
            TenantContext tenant,
            PlanLimits limits,
            Event<UsageChanged> usage) {
        this.usage = usage;
        this.regions = regions;
        this.changes = changes;
        this.tenant = tenant;
        this.limits = limits;
    }

    public Page<StoreView> list(StoreFilter scope, StoreStatus status, Long regionId, String query, PageRequest page) {
        if (scope.isEmpty()) {
            return new Page<>(List.of(), page.page(), page.size(), 0);
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!scope.all()) {
            Set<Long> visibleRegions = new HashSet<>(regions.subtree(scope.regionRoots()));
            visibleRegions.add(-1L);
            Set<Long> stores = new HashSet<>(scope.storeIds());
            stores.add(-1L);
            where.append(" and (id in :scopeStores or regionId in :scopeRegions)");
            params.put("scopeStores", stores);
            params.put("scopeRegions", visibleRegions);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (regionId != null) {
            where.append(" and regionId in :regionFilter");
            params.put("regionFilter", regions.subtree(Set.of(regionId)));
        }
        if (query != null && !query.isBlank()) {
            where.append(" and (lower(name) like :q escape '\\' or lower(code) like :q escape '\\')");
            params.put("q", QueryParams.containsPattern(query));
        }
        var found = StoreEntity.<StoreEntity>find(where + " order by code", params);
        long total = found.count();
        var items = found.page(page.page(), page.size()).list().stream()
                .map(StoreAdministration::view)
                .toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    public StoreView get(long id) {
        return view(load(id));
    }

    public StoreView create(StoreRequest request, String who) {
        requireUniqueCode(request.code(), null);
        requireRoomForAnotherStore();
        StoreEntity store = new StoreEntity();
        store.status = request.status() == null ? StoreStatus.PREPARING : request.status();
        apply(store, request);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        store.createdAt = now;
        store.createdBy = who;
        store.updatedAt = now;
        store.updatedBy = who;
        store.persistAndFlush();
        changes.fire(new StoreChanged(tenant.require(), store.id));
        storesCounted();
        return view(store);
    }

    /** Same-city delivery and express shipping are plan features (plans.yaml); self-pickup is in every plan. */
    private Fulfilment inPlan(Fulfilment fulfilment) {
        if (fulfilment.delivers()) {
            limits.requireFeature(tenant.require(), "delivery");
        }
        if (fulfilment.express()) {
            limits.requireFeature(tenant.require(), "express");
        }
        return fulfilment;
    }

    /** Tells the SaaS meter how many stores count for billing (not closed); observed after commit. */
    private void storesCounted() {
        usage.fire(UsageChanged.level(
                tenant.require(), UsageChanged.Metric.STORES, StoreEntity.count("status <> ?1", StoreStatus.CLOSED)));
    }

    /**
     * The plan's store limit counts stores that are not closed. A transaction-scoped advisory lock per brand makes
     * count-then-insert atomic, so two concurrent creations cannot both take the last slot.
     */
    private void requireRoomForAnotherStore() {
        StoreEntity.getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtext(current_schema() || ':store-limit'))")
                .getSingleResult();
        long open = StoreEntity.count("status <> ?1", StoreStatus.CLOSED);
        limits.require(tenant.require(), PlanLimits.Limit.STORES, open + 1);
    }

    /** The store's own staff edit their profile fields; everything else stays as HQ set it. */
    public StoreView updateProfile(long id, StoreProfileRequest request, String who) {
        StoreEntity store = load(id);
        if (request.version() != null && request.version() != store.version) {
            throw new OptimisticLockException("store " + id + " changed since you read it");
        }
        store.phone = request.phone();
        store.hours = validHours(request.hours());
        store.fulfilment = request.fulfilment() == null ? store.fulfilment : inPlan(request.fulfilment());
        store.images = request.images() == null ? store.images : List.copyOf(request.images());
        store.customerService = request.customerService();
        store.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        store.updatedBy = who;
        store.persistAndFlush();
        changes.fire(new StoreChanged(tenant.require(), store.id));
        return view(store);
    }

    public StoreView replace(long id, StoreRequest request, String who) {
        StoreEntity store = load(id);
        if (request.version() != null && request.version() != store.version) {
            throw new OptimisticLockException("store " + id + " changed since you read it");
        }
        requireUniqueCode(request.code(), id);
        StoreStatus next = request.status() == null ? store.status : request.status();
        if (!store.status.canBecome(next)) {
            throw ProblemException.conflict(
                            "invalid-status-change", "a " + store.status + " store cannot become " + next)
                    .with("from", store.status)
                    .with("to", next);
        }
        store.status = next;
        apply(store, request);
        store.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        store.updatedBy = who;
        store.persistAndFlush();
        changes.fire(new StoreChanged(tenant.require(), store.id));
        storesCounted();
        return view(store);
    }

    /** Open stores for anonymous browsing under an appid. */
    public Page<ShopStoreView> openStores(String city, PageRequest page) {
        String where = "status in ?1" + (city == null || city.isBlank() ? "" : " and city = ?2");
        var found = city == null || city.isBlank()
                ? StoreEntity.<StoreEntity>find(where + " order by code", Set.of(StoreStatus.OPEN, StoreStatus.PAUSED))
                : StoreEntity.<StoreEntity>find(
                        where + " order by code", Set.of(StoreStatus.OPEN, StoreStatus.PAUSED), city.trim());
        long total = found.count();
        var items = found.page(page.page(), page.size()).list().stream()
                .map(StoreViews::shop)
                .toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    private void apply(StoreEntity store, StoreRequest request) {
        GeoPoint point;
        try {
            point = new GeoPoint(request.latitude(), request.longitude());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-coordinates", e.getMessage());
        }
        if (request.regionId() != null && RegionEntity.findById(request.regionId()) == null) {
            throw ProblemException.unprocessable("unknown-region", "region " + request.regionId() + " does not exist");
        }
        store.code = request.code();
        store.name = request.name().strip();
        store.regionId = request.regionId();
        store.province = request.province();
        store.city = request.city().strip();
        store.district = request.district();
        store.address = request.address().strip();
        store.latitude = point.latitude();
        store.longitude = point.longitude();
        store.phone = request.phone();
        store.timeZone = zone(request.timeZone());
        store.hours = validHours(request.hours());
        store.fulfilment = request.fulfilment() == null ? Fulfilment.pickupOnly() : inPlan(request.fulfilment());
        store.images = request.images() == null ? List.of() : List.copyOf(request.images());
        store.customerService = request.customerService();
    }

    private static Hours validHours(Hours hours) {
        if (hours == null) {
            return null;
        }
        try {
            hours.toBusinessHours();
            return hours;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-hours", e.getMessage());
        }
    }

    private static String zone(String raw) {
        if (raw == null || raw.isBlank()) {
            return "Asia/Shanghai";
        }
        try {
            return ZoneId.of(raw).getId();
        } catch (DateTimeException e) {
            throw ProblemException.badRequest(
                    "invalid-time-zone", "timeZone must be an IANA zone such as Asia/Shanghai");
        }
    }

    private static void requireUniqueCode(String code, Long self) {
        StoreEntity other = StoreEntity.find("code", code).firstResult();
        if (other != null && !Objects.equals(other.id, self)) {
            throw ProblemException.conflict(
                            "duplicate-store-code", "store code " + code + " is already used by store " + other.id)
                    .with("code", code);
        }
    }

    private static StoreEntity load(long id) {
        StoreEntity store = StoreEntity.findById(id);
        if (store == null) {
            throw ProblemException.notFound("store " + id);
        }
        return store;
    }

    static StoreView view(StoreEntity s) {
        return StoreViews.hq(s);
    }
}
