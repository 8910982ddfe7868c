package io.mendian.store.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import io.mendian.identity.AccessPolicy.StoreFilter;
import io.mendian.store.RegionMoved;
import io.mendian.store.api.RegionRequest;
import io.mendian.store.api.RegionView;
import io.mendian.store.persistence.RegionEntity;
import io.mendian.store.persistence.RegionTree;
import io.mendian.store.persistence.StoreEntity;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.ProblemException;

/** The brand's region tree: create, rename, move and delete nodes without ever forming a cycle. */
@ApplicationScoped
@Transactional
public class RegionAdministration {

    private final RegionTree tree;
    private final Event<RegionMoved> moves;
    private final TenantContext tenant;

    public RegionAdministration(RegionTree tree, Event<RegionMoved> moves, TenantContext tenant) {
        this.tree = tree;
        this.moves = moves;
        this.tenant = tenant;
    }

    public List<RegionView> list(StoreFilter scope) {
        List<RegionEntity> all = RegionEntity.<RegionEntity>listAll(io.quarkus.panache.common.Sort.by("code"));
        if (scope.all()) {
            return all.stream().map(RegionAdministration::view).toList();
        }
        var visible = tree.subtree(scope.regionRoots());
        return all.stream()
                .filter(r -> visible.contains(r.id))
                .map(RegionAdministration::view)
                .toList();
    }

    public RegionView create(RegionRequest request, String who) {
        requireUniqueCode(request.code(), null);
        requireParent(request.parentId());
        RegionEntity region = new RegionEntity();
        region.code = request.code();
        region.name = request.name().strip();
        region.parentId = request.parentId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        region.createdAt = now;
        region.createdBy = who;
        region.updatedAt = now;
        region.updatedBy = who;
        region.persistAndFlush();
        return view(region);
    }

    public RegionView replace(long id, RegionRequest request, String who) {
        RegionEntity region = load(id);
        if (request.version() != null && request.version() != region.version) {
            throw new OptimisticLockException("region " + id + " changed since you read it");
        }
        requireUniqueCode(request.code(), id);
        requireParent(request.parentId());
        if (request.parentId() != null && tree.isWithin(request.parentId(), id)) {
            throw ProblemException.conflict("region-cycle", "a region cannot move below itself or its own subtree");
        }
        boolean moved = !Objects.equals(region.parentId, request.parentId());
        region.code = request.code();
        region.name = request.name().strip();
        region.parentId = request.parentId();
        if (moved) {
            storesMoved(id);
        }
        region.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        region.updatedBy = who;
        region.persistAndFlush();
        return view(region);
    }

    public void delete(long id) {
        RegionEntity region = load(id);
        if (RegionEntity.count("parentId", id) > 0) {
            throw ProblemException.conflict("region-not-empty", "region " + id + " still has sub-regions");
        }
        if (StoreEntity.count("regionId", id) > 0) {
            throw ProblemException.conflict("region-not-empty", "region " + id + " still has stores; move them first");
        }
        region.delete();
    }

    /**
     * A region that moves takes its whole subtree's stores under other ancestors, so region-wide publications now reach
     * (or no longer reach) them: one event names them all, and the catalogue bumps their versions after commit. Their
     * location and view did not change, so the store index is left alone.
     */
    private void storesMoved(long regionId) {
        List<Long> stores = StoreEntity.getEntityManager()
                .createQuery("select s.id from StoreEntity s where s.regionId in :regions", Long.class)
                .setParameter("regions", tree.subtree(java.util.Set.of(regionId)))
                .getResultList();
        if (!stores.isEmpty()) {
            moves.fire(new RegionMoved(tenant.require(), stores));
        }
    }

    private static void requireParent(Long parentId) {
        if (parentId != null && RegionEntity.findById(parentId) == null) {
            throw ProblemException.unprocessable("unknown-region", "parent region " + parentId + " does not exist");
        }
    }

    private static void requireUniqueCode(String code, Long self) {
        RegionEntity other = RegionEntity.find("code", code).firstResult();
        if (other != null && !Objects.equals(other.id, self)) {
            throw ProblemException.conflict("duplicate-region-code", "region code " + code + " is already used")
                    .with("code", code);
        }
    }

    private static RegionEntity load(long id) {
        RegionEntity region = RegionEntity.findById(id);
        if (region == null) {
            throw ProblemException.notFound("region " + id);
        }
        return region;
    }

    static RegionView view(RegionEntity r) {
        return new RegionView(r.id, r.parentId, r.code, r.name, r.updatedAt, r.updatedBy, r.version);
    }
}
