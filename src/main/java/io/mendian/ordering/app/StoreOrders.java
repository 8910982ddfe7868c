package io.mendian.ordering.app;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.inventory.InventoryApi;
import io.mendian.ordering.api.OrderView;
import io.mendian.ordering.domain.OrderStatus;
import io.mendian.store.FulfilmentMode;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;

/**
 * The store's work on its paid orders (S3): accept, prepare, ready, then hand over. A pickup order is handed over
 * only against the customer's pickup code; delivery and express orders are completed when they leave. Completion
 * commits the stock hold (the goods left the store). Every step is a guarded transition under the order's row lock,
 * with the staff member as actor; an order of another store does not exist here.
 */
@ApplicationScoped
@Transactional
public class StoreOrders {

    private final EntityManager em;
    private final InventoryApi inventory;
    private final OrderViews views;

    public StoreOrders(EntityManager em, InventoryApi inventory, OrderViews views) {
        this.em = em;
        this.inventory = inventory;
        this.views = views;
    }

    private record Locked(long id, OrderStatus status, String mode, UUID reservation, String code) {}

    /** Moves an order of the store one step (ACCEPTED, PREPARING, READY). */
    public OrderView advance(long storeId, String orderNo, OrderStatus next, String actor) {
        Locked order = lock("order_no = ?1 and store_id = ?2", orderNo, storeId);
        if (order == null) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        if (order.status == next) {
            return views.ofStore(storeId, orderNo); // a repeated tap
        }
        move(order, next, actor, null);
        return views.ofStore(storeId, orderNo);
    }

    /** A delivery or express order left the store. */
    public OrderView complete(long storeId, String orderNo, String actor) {
        Locked order = lock("order_no = ?1 and store_id = ?2", orderNo, storeId);
        if (order == null) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        if (FulfilmentMode.PICKUP.name().equals(order.mode)) {
            throw ProblemException.conflict(
                    "pickup-code-required", "a pickup order is handed over against the customer's pickup code");
        }
        finish(order, actor, "handed to the courier");
        return views.ofStore(storeId, orderNo);
    }

    /** The customer shows the pickup code at the counter: the ready order with that code is handed over. */
    public OrderView handOver(long storeId, String code, String actor) {
        Locked order = lock(
                "store_id = ?1 and pickup_code = ?2 and status in ('PAID', 'ACCEPTED', 'PREPARING', 'READY')",
                storeId,
                code);
        if (order == null) {
            throw ProblemException.notFound("an open order of this store with pickup code " + Problem.clip(code, 6));
        }
        if (order.status != OrderStatus.READY) {
            throw ProblemException.conflict(
                    "not-ready", "the order is " + order.status + "; mark it ready before handing it over");
        }
        finish(order, actor, "picked up with its code");
        String orderNo = (String) em.createNativeQuery("select order_no from customer_order where id = ?1")
                .setParameter(1, order.id)
                .getSingleResult();
        return views.ofStore(storeId, orderNo);
    }

    private void finish(Locked order, String actor, String note) {
        move(order, OrderStatus.COMPLETED, actor, note);
        if (order.reservation != null) {
            inventory.commit(order.reservation, actor);
        }
    }

    private void move(Locked order, OrderStatus next, String actor, String note) {
        if (!order.status.canBecome(next)) {
            throw ProblemException.conflict(
                            "invalid-transition",
                            "the order is " + order.status + " and cannot become " + next + "; it can become "
                                    + order.status.next())
                    .with("status", order.status.name());
        }
        em.createNativeQuery(
                        "update customer_order set status = ?1, updated_at = now(), version = version + 1 where id = ?2")
                .setParameter(1, next.name())
                .setParameter(2, order.id)
                .executeUpdate();
        OrderViews.event(em, order.id, next.name(), actor, note);
    }

    private Locked lock(String where, Object first, Object second) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, status, fulfilment_mode, reservation_id, pickup_code "
                        + "from customer_order where " + where + " for update")
                .setParameter(1, first)
                .setParameter(2, second)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Locked(
                ((Number) r[0]).longValue(), OrderStatus.valueOf((String) r[1]), (String) r[2], (UUID) r[3], (String)
                        r[4]);
    }
}
