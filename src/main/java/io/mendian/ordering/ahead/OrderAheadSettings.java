package io.mendian.ordering.ahead;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.ordering.ahead.api.OrderAheadSetting;

/** The brand's order-ahead setting: off, 5 minutes an order and 2 at once, until HQ or the template says otherwise. */
@ApplicationScoped
@Transactional
public class OrderAheadSettings {

    private final EntityManager em;
    private final OrderAheadLog log;

    public OrderAheadSettings(EntityManager em, OrderAheadLog log) {
        this.em = em;
        this.log = log;
    }

    public OrderAheadSetting current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select enabled, prep_minutes, lanes, slot_capacity from order_ahead_setting where id = 1")
                .getResultList();
        if (rows.isEmpty()) {
            return OrderAheadSetting.defaults();
        }
        Object[] r = rows.get(0);
        return new OrderAheadSetting(
                (Boolean) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).intValue(), ((Number) r[3]).intValue());
    }

    public OrderAheadSetting save(OrderAheadSetting request, String actor) {
        // A client that predates the capacity (or leaves it out) must not switch it off.
        OrderAheadSetting setting = request.keepingCapacityOf(current());
        em.createNativeQuery(
                        "insert into order_ahead_setting (id, enabled, prep_minutes, lanes, slot_capacity, updated_at, "
                                + "updated_by) values (1, ?1, ?2, ?3, ?5, now(), ?4) on conflict (id) do update set enabled = "
                                + "excluded.enabled, prep_minutes = excluded.prep_minutes, lanes = excluded.lanes, "
                                + "slot_capacity = excluded.slot_capacity, updated_at = now(), updated_by = excluded.updated_by")
                .setParameter(1, setting.enabled())
                .setParameter(2, setting.prepMinutes())
                .setParameter(3, setting.lanes())
                .setParameter(4, actor)
                .setParameter(5, setting.slotCapacity())
                .executeUpdate();
        log.record(null, actor, "SETTING", setting.toString());
        return current();
    }
}
