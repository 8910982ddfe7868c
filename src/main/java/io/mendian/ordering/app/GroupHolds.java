package io.mendian.ordering.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.promotion.PromotionApi;

/**
 * Paid orders waiting for their group-buy team. When the last seat is paid the team forms and every order of it goes
 * to the store's queue at once (its timeline says GROUP_FORMED, which the store's live feed shows as a new order).
 */
@ApplicationScoped
public class GroupHolds {

    private final EntityManager em;
    private final PromotionApi promotions;

    public GroupHolds(EntityManager em, PromotionApi promotions) {
        this.em = em;
        this.promotions = promotions;
    }

    /** The order was just paid, under its row lock. */
    void paid(long orderId, String orderNo) {
        boolean awaiting = (Boolean) em.createNativeQuery("select awaiting_group from customer_order where id = ?1")
                .setParameter(1, orderId)
                .getSingleResult();
        if (!awaiting) {
            return;
        }
        List<String> formed = promotions.groupSeatPaid(orderNo);
        if (formed.isEmpty()) {
            OrderViews.event(em, orderId, "GROUP_WAITING", "system", "paid; waiting for the team to form");
            return;
        }
        @SuppressWarnings("unchecked")
        List<Number> released = em.createNativeQuery("update customer_order set awaiting_group = false, updated_at = "
                        + "now() where order_no = any(cast(?1 as varchar[])) and awaiting_group returning id")
                .setParameter(1, formed.toArray(String[]::new))
                .getResultList();
        released.forEach(id -> OrderViews.event(em, id.longValue(), "GROUP_FORMED", "system", "the team formed"));
    }
}
