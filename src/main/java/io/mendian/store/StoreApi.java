package io.mendian.store;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.identity.StoreLocator;
import io.mendian.store.domain.StoreStatus;
import io.mendian.store.persistence.RegionTree;
import io.mendian.store.persistence.StoreEntity;

/** What other contexts (and the access policy) may ask about the current tenant's stores. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StoreApi implements StoreLocator {

    private final RegionTree regions;

    public StoreApi(RegionTree regions) {
        this.regions = regions;
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
        StoreEntity store = StoreEntity.findById(storeId);
        return store != null && (store.status == StoreStatus.OPEN || store.status == StoreStatus.PAUSED);
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
}
