package io.mendian.ordering.app;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.inventory.InventoryApi;
import io.mendian.ordering.PaymentGate;
import io.mendian.ordering.api.OrderView;
import io.mendian.ordering.domain.OrderStatus;
import io.mendian.store.FulfilmentMode;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.UsageChanged;
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
    private final io.mendian.ordering.ahead.OrderAhead ahead;
    private final InventoryApi inventory;
    private final OrderViews views;
    private final PaymentGate payments;
    private final TenantContext tenant;
    private final Event<UsageChanged> usage;
    private final Event<io.mendian.ordering.OrderReady> ready;
    private final Event<io.mendian.ordering.OrderCompleted> completed;

    public StoreOrders(
            io.mendian.ordering.ahead.OrderAhead ahead,
            Event<io.mendian.ordering.OrderReady> ready,
            Event<io.mendian.ordering.OrderCompleted> completed,
            EntityManager em,
            InventoryApi inventory,
            OrderViews views,
            PaymentGate payments,
            TenantContext tenant,
            Event<UsageChanged> usage) {
        this.ahead = ahead;
        this.completed = completed;
        this.em = em;
        this.inventory = inventory;
        this.views = views;
        this.payments = payments;
        this.tenant = tenant;
        this.usage = usage;
        this.ready = ready;
    }

    /**
     * The store (or HQ) cannot fulfil a paid order: it is cancelled, its stock returns, and the whole payment is
     * refunded. Not once it is ready or later (after-sales handles what was handed over).
     */
    public OrderView reject(long storeId, String orderNo, String reason, String actor) {
        Locked order = lock("order_no = ?1 and store_id = ?2", orderNo, storeId);
        if (order == null) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        cancelPaid(order, orderNo, reason, actor);
        return views.ofStore(storeId, orderNo);
    }

    /** HQ refunds part or all of a paid order (it keeps its status); the timeline records who and why. */
    public void refund(long storeId, String orderNo, long amountFen, String reason, String actor) {
        Locked order = lock("order_no = ?1 and store_id = ?2", orderNo, storeId);
        if (order == null) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        String refundNo = payments.refund(orderNo, amountFen, reason, actor);
        OrderViews.event(em, order.id, "REFUND_REQUESTED", actor, refundNo + ": " + reason);
    }

    /** The member calls off a paid order the store has not accepted yet: cancelled and refunded in full. */
    public void cancelByMember(long memberId, String orderNo) {
        Locked order = lock("order_no = ?1 and member_id = ?2", orderNo, memberId);
        if (order == null) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        if (order.status != OrderStatus.PAID) {
            throw ProblemException.conflict(
                    "not-cancellable",
                    "order " + orderNo + " is " + order.status + "; once the store accepted it, ask the store");
        }
        cancelPaid(order, orderNo, "cancelled by the member", "member:" + memberId);
    }

    /** Cancels and refunds in full a paid order on the system's behalf (a group-buy team that failed). */
    public void cancelPaid(String orderNo, String reason, String actor) {
        Locked order = lock("order_no = ?1 and status = 'PAID'", orderNo, null);
        if (order != null) {
            cancelPaid(order, orderNo, reason, actor);
        }
    }

    private void cancelPaid(Locked order, String orderNo, String reason, String actor) {
        if (order.status != OrderStatus.PAID
                && order.status != OrderStatus.ACCEPTED
                && order.status != OrderStatus.PREPARING) {
            throw ProblemException.conflict(
                    "not-cancellable", "order " + orderNo + " is " + order.status + " and cannot be cancelled here");
        }
        move(order, OrderStatus.CANCELLED, actor, reason);
        if (order.reservation != null) {
            inventory.release(order.reservation, reason, actor);
        }
        ahead.ended(order.id);
        views.voided(order.id);
        long total = ((Number) em.createNativeQuery("select total_fen from customer_order where id = ?1")
                        .setParameter(1, order.id)
                        .getSingleResult())
                .longValue();
        usage.fire(UsageChanged.add(tenant.require(), UsageChanged.Metric.ORDERS, -1));
        if (total > 0) { // an order that points or stored value paid entirely has no payment to return
            String refundNo = payments.refund(orderNo, total, reason, actor);
            OrderViews.event(em, order.id, "REFUND_REQUESTED", actor, refundNo);
        }
    }

    private record Locked(
            long id, OrderStatus status, String mode, UUID reservation, String code, boolean awaitingGroup) {}

    /** Moves an order of the store one step (ACCEPTED, PREPARING, READY). */
    public OrderView advance(long storeId, String orderNo, OrderStatus next, String actor) {
        Locked order = lock("order_no = ?1 and store_id = ?2", orderNo, storeId);
        if (order == null) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        if (order.status == next) {
            return views.ofStore(storeId, orderNo); // a repeated tap
        }
        if (order.awaitingGroup) {
            throw ProblemException.conflict(
                    "group-forming",
                    "order " + orderNo + " waits for its group-buy team to form; it cannot be worked yet");
        }
        move(order, next, actor, null);
        if (next == OrderStatus.READY) {
            ahead.ready(order.id);
            ready.fire(new io.mendian.ordering.OrderReady(tenant.require(), orderNo, memberOf(order.id), storeId));
        }
        return views.ofStore(storeId, orderNo);
    }

    /**
     * Calls a ready order's customer again (nobody came for it): the ready notice goes out once more, at most once a
     * minute per order, and the order's timeline says who called.
     */
    public OrderView callAgain(long storeId, String orderNo, String actor) {
        Locked order = lock("order_no = ?1 and store_id = ?2", orderNo, storeId);
        if (order == null) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        if (order.status != OrderStatus.READY) {
            throw ProblemException.conflict(
                    "not-ready", "order " + orderNo + " is " + order.status + "; only a ready order is called");
        }
        long recent = ((Number) em.createNativeQuery("select count(*) from order_event where order_id = ?1 and status "
                                + "= 'CALLED_AGAIN' and at > now() - interval '1 minute'")
                        .setParameter(1, order.id)
                        .getSingleResult())
                .longValue();
        if (recent > 0) {
            // A tap twice, or a customer flooded with messages: once a minute is enough to be heard.
            throw new ProblemException(Problem.of(
                            409,
                            "called-recently",
                            "Conflict",
                            "order " + orderNo + " was called less than a minute ago; wait a moment before calling"
                                    + " again")
                    .with("retryAfterSeconds", 60));
        }
        OrderViews.event(em, order.id, "CALLED_AGAIN", actor, "the customer is called again");
        ready.fire(new io.mendian.ordering.OrderReady(tenant.require(), orderNo, memberOf(order.id), storeId));
        return views.ofStore(storeId, orderNo);
    }

    private long memberOf(long orderId) {
        return ((Number) em.createNativeQuery("select member_id from customer_order where id = ?1")
                        .setParameter(1, orderId)
                        .getSingleResult())
                .longValue();
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
        Object[] o = (Object[]) em.createNativeQuery(
                        "select order_no, member_id, store_id, total_fen from customer_order where id = ?1")
                .setParameter(1, order.id)
                .getSingleResult();
        completed.fire(new io.mendian.ordering.OrderCompleted(
                tenant.require(),
                (String) o[0],
                ((Number) o[1]).longValue(),
                ((Number) o[2]).longValue(),
                ((Number) o[3]).longValue()));
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

    @SuppressWarnings("unchecked")
    private Locked lock(String where, Object first, Object second) {
        var query = em.createNativeQuery("select id, status, fulfilment_mode, reservation_id, pickup_code, "
                        + "awaiting_group from customer_order where " + where + " for update")
                .setParameter(1, first);
        if (second != null) {
            query.setParameter(2, second);
        }
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Locked(
                ((Number) r[0]).longValue(),
                OrderStatus.valueOf((String) r[1]),
                (String) r[2],
                (UUID) r[3],
                (String) r[4],
                (Boolean) r[5]);
    }
}
