package io.mendian.inventory.app;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.inventory.api.TransferSource;
import io.mendian.store.StoreApi;

/**
 * Which other stores could send a SKU: those with some available (on hand less reserved), most first. Read through the
 * (sku_id, store_id) index; a store asking sees quantities only, never another store's ledger.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TransferSources {

    static final int LIMIT = 20;

    private final EntityManager em;
    private final StoreApi stores;

    public TransferSources(EntityManager em, StoreApi stores) {
        this.em = em;
        this.stores = stores;
    }

    public List<TransferSource> of(long storeId, long skuId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select store_id, on_hand - reserved from stock where sku_id = ?1 "
                        + "and store_id <> ?2 and on_hand - reserved > 0 order by 2 desc, 1 limit ?3")
                .setParameter(1, skuId)
                .setParameter(2, storeId)
                .setParameter(3, LIMIT)
                .getResultList();
        Map<Long, String> labels = stores.labels(
                rows.stream().map(r -> ((Number) r[0]).longValue()).toList());
        return rows.stream()
                .filter(r -> labels.containsKey(((Number) r[0]).longValue()))
                .map(r -> new TransferSource(
                        ((Number) r[0]).longValue(),
                        labels.get(((Number) r[0]).longValue()),
                        ((Number) r[1]).longValue()))
                .toList();
    }
}
