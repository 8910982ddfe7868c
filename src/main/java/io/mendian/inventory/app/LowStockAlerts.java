package io.mendian.inventory.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.inventory.domain.Movement;
import io.mendian.inventory.domain.StockLevel;

/**
 * Raises an alert when what a store can sell of a SKU falls below its threshold, and clears it when stock comes back.
 * At most one alert per store and SKU is open (a partial unique index), so a SKU sold down one unit at a time raises
 * one alert, not one per sale.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LowStockAlerts {

    private final EntityManager em;

    public LowStockAlerts(EntityManager em) {
        this.em = em;
    }

    void after(Movement movement, StockLevel level) {
        if (level.lowThreshold() == null) {
            return;
        }
        if (level.low()) {
            raise(movement.storeId(), movement.skuId(), level);
        } else if (movement.raisesAvailable()) {
            clear(movement.storeId(), movement.skuId());
        }
    }

    /** After a threshold change: the alert follows the new threshold at once. */
    void reconsider(long storeId, long skuId, StockLevel level) {
        if (level.low()) {
            raise(storeId, skuId, level);
        } else {
            clear(storeId, skuId);
        }
    }

    private void raise(long storeId, long skuId, StockLevel level) {
        em.createNativeQuery(
                        "insert into stock_alert (store_id, sku_id, threshold, available, raised_at) "
                                + "values (?1, ?2, ?3, ?4, now()) on conflict (store_id, sku_id) where cleared_at is null do nothing")
                .setParameter(1, storeId)
                .setParameter(2, skuId)
                .setParameter(3, level.lowThreshold())
                .setParameter(4, level.available())
                .executeUpdate();
    }

    private void clear(long storeId, long skuId) {
        em.createNativeQuery("update stock_alert set cleared_at = now() where store_id = ?1 and sku_id = ?2 "
                        + "and cleared_at is null")
                .setParameter(1, storeId)
                .setParameter(2, skuId)
                .executeUpdate();
    }
}
