package io.mendian.store;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.identity.StoreLocator;
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
                .setParameter("id", storeId).getResultList();
        return found.stream().findFirst().map(r -> r < 0 ? Optional.<Long>empty() : Optional.of(r));
    }

    @Override
    public boolean isWithin(long regionId, long ancestorId) {
        return regions.isWithin(regionId, ancestorId);
    }

    /** Whether the store exists in the current tenant. */
    public boolean exists(long storeId) {
        return regionOf(storeId).isPresent();
    }
}
