package io.mendian.ordering.app;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.inventory.InventoryApi;
import io.mendian.ordering.api.OrderView;
import io.mendian.ordering.domain.OrderStatus;
import io.mendian.web.ProblemException;

/**
 * Moves orders through their lifecycle under a row lock, only along {@link OrderStatus}'s transitions, recording
 * each change with its actor. An order that ends unpaid (cancelled or expired) releases its stock exactly once.
 */
@ApplicationScoped
@Transactional
public class Orders {

    private final EntityManager em;
    private final InventoryApi inventory;
    private final OrderViews views;

    public Orders(EntityManager em, InventoryApi inventory, OrderViews views) {
        this.em = em;
        this.inventory = inventory;
        this.views = views;
    }

    /** The member calls off an order not yet paid. */
    public OrderView cancelByMember(long memberId, String orderNo) {
        Locked order = lock("order_no = ?1 and member_id = ?2", orderNo, memberId);
        if (order == null) {
            throw ProblemException.notFound("order " + io.mendian.web.Problem.clip(orderNo));
        }
        if (order.status != OrderStatus.PENDING_PAYMENT) {
            throw ProblemException.conflict(
                    "not-cancellable",
                    "order " + orderNo + " is " + order.status + "; a paid order is refunded through after-sales");
        }
        end(order, OrderStatus.CANCELLED, "member:" + memberId, "cancelled by the member");
        return views.get(memberId, orderNo);
    }

    /**
     * Expires unpaid orders past their deadline, a batch at a time; {@code SKIP LOCKED} lets a payment or a
     * cancellation in flight keep its order.
     */
    public int expireDue(int batch) {
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery("select id from customer_order where status = 'PENDING_PAYMENT' and "
                        + "pay_by <= now() order by pay_by limit ?1 for update skip locked")
                .setParameter(1, batch)
                .getResultList();
        for (Number id : due) {
            Locked order = lock("id = ?1", id.longValue(), null);
            end(order, OrderStatus.EXPIRED, "system:expiry", "not paid in time");
        }
        return due.size();
    }

    private record Locked(long id, OrderStatus status, UUID reservation) {}

    private Locked lock(String where, Object first, Object second) {
        var query = em.createNativeQuery(
                        "select id, status, reservation_id from customer_order where " + where + " for update")
                .setParameter(1, first);
        if (second != null) {
            query.setParameter(2, second);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Locked(((Number) r[0]).longValue(), OrderStatus.valueOf((String) r[1]), (UUID) r[2]);
    }

    private void end(Locked order, OrderStatus next, String actor, String note) {
        if (!order.status.canBecome(next)) {
            throw new IllegalStateException("order " + order.id + " cannot go from " + order.status + " to " + next);
        }
        em.createNativeQuery(
                        "update customer_order set status = ?1, updated_at = now(), version = version + 1 where id = ?2")
                .setParameter(1, next.name())
                .setParameter(2, order.id)
                .executeUpdate();
        if (order.reservation != null) {
            inventory.release(order.reservation, note, actor);
        }
        OrderViews.event(em, order.id, next.name(), actor, note);
    }
}
