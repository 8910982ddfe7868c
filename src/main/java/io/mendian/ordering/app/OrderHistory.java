package io.mendian.ordering.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.membership.MemberHistory;

/** A member who has ever placed an order has history here (membership never merges them away). */
@ApplicationScoped
public class OrderHistory implements MemberHistory {

    private final EntityManager em;

    public OrderHistory(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean hasHistory(long memberId) {
        return !em.createNativeQuery("select 1 from customer_order where member_id = ?1 limit 1")
                .setParameter(1, memberId)
                .getResultList()
                .isEmpty();
    }
}
