package io.mendian.ordering.ahead;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Who changed the brand's setting or paused a store, and how: one row, written with the change. */
@ApplicationScoped
public class OrderAheadLog {

    private final EntityManager em;

    public OrderAheadLog(EntityManager em) {
        this.em = em;
    }

    public void record(Long storeId, String actor, String action, String detail) {
        em.createNativeQuery("insert into order_ahead_log (at, store_id, actor, action, detail) values (now(), ?1, ?2, "
                        + "?3, ?4)")
                .setParameter(1, storeId)
                .setParameter(2, actor)
                .setParameter(3, action)
                .setParameter(4, detail == null ? null : detail.length() > 400 ? detail.substring(0, 400) : detail)
                .executeUpdate();
    }
}
