package io.mendian.inventory.app;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.inventory.domain.Movement;
import io.mendian.inventory.domain.StockLevel;

/**
 * The only writer of stock rows. Each movement is one SQL statement that changes the row under its guard and appends
 * the ledger row from the row's new values, so the ledger always sums to the stock and a refused movement leaves no
 * trace. The guard lives in the {@code UPDATE}'s {@code WHERE}: concurrent movements of one row queue on its row lock
 * and each re-checks the guard against the committed values, which is what makes oversell impossible without any
 * application-level lock.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StockLedger {

    private static final String LEDGER =
            "insert into stock_movement (store_id, sku_id, kind, on_hand_delta, reserved_delta, "
                    + "in_transit_delta, on_hand_after, reserved_after, in_transit_after, reason, reference, actor, at) "
                    + "select s.store_id, s.sku_id, cast(:kind as varchar), cast(:dOn as bigint), cast(:dRes as bigint), "
                    + "cast(:dTr as bigint), s.on_hand, s.reserved, s.in_transit, cast(:reason as varchar), "
                    + "cast(:reference as varchar), cast(:actor as varchar), now() from s";

    private static final String GUARDED_UPDATE = "with s as (update stock set on_hand = on_hand + :dOn, "
            + "reserved = reserved + :dRes, in_transit = in_transit + :dTr, updated_at = now(), version = version + 1 "
            + "where store_id = :store and sku_id = :sku and on_hand + :dOn >= reserved + :dRes "
            + "and reserved + :dRes >= 0 and in_transit + :dTr >= 0 "
            + "returning store_id, sku_id, on_hand, reserved, in_transit, low_threshold), "
            + "m as (" + LEDGER + ") select on_hand, reserved, in_transit, low_threshold from s";

    private static final String UPSERT = "with s as (insert into stock as t (store_id, sku_id, on_hand, reserved, "
            + "in_transit, updated_at) values (:store, :sku, :dOn, :dRes, :dTr, now()) on conflict (store_id, sku_id) do "
            + "update set on_hand = t.on_hand + :dOn, reserved = t.reserved + :dRes, in_transit = t.in_transit + :dTr, "
            + "updated_at = now(), version = t.version + 1 "
            + "returning store_id, sku_id, on_hand, reserved, in_transit, low_threshold), "
            + "m as (" + LEDGER + ") select on_hand, reserved, in_transit, low_threshold from s";

    private final EntityManager em;
    private final LowStockAlerts alerts;

    public StockLedger(EntityManager em, LowStockAlerts alerts) {
        this.em = em;
        this.alerts = alerts;
    }

    /**
     * Applies the movement, or returns empty when its guard refuses it (not enough available, or nothing to take
     * from); nothing is written then.
     */
    public Optional<StockLevel> apply(Movement movement) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(movement.onlyAdds() ? UPSERT : GUARDED_UPDATE)
                .setParameter("store", movement.storeId())
                .setParameter("sku", movement.skuId())
                .setParameter("dOn", movement.onHandDelta())
                .setParameter("dRes", movement.reservedDelta())
                .setParameter("dTr", movement.inTransitDelta())
                .setParameter("kind", movement.kind().name())
                .setParameter("reason", movement.reason())
                .setParameter("reference", movement.reference())
                .setParameter("actor", movement.actor())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        StockLevel level = new StockLevel(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(),
                row[3] == null ? null : ((Number) row[3]).longValue());
        alerts.after(movement, level);
        return Optional.of(level);
    }

    /** The current level, or all zeros when the store never had the SKU. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StockLevel level(long storeId, long skuId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select on_hand, reserved, in_transit, low_threshold from stock where store_id = ?1 and sku_id = ?2")
                .setParameter(1, storeId)
                .setParameter(2, skuId)
                .getResultList();
        if (rows.isEmpty()) {
            return new StockLevel(0, 0, 0, null);
        }
        Object[] row = rows.get(0);
        return new StockLevel(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(),
                row[3] == null ? null : ((Number) row[3]).longValue());
    }
}
