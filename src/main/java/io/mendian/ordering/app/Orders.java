package io.mendian.ordering.app;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.inventory.InventoryApi;
import io.mendian.ordering.OrderingApi;
import io.mendian.ordering.api.OrderView;
import io.mendian.ordering.domain.OrderStatus;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.UsageChanged;
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
    private final TenantContext tenant;
    private final Event<UsageChanged> usage;
    private final Event<io.mendian.ordering.OrderRefunded> refunds;
    private final Duration paidHold;
    private final GroupHolds groups;

    private final io.mendian.ordering.ahead.OrderAhead ahead;
    private final Event<io.mendian.ordering.OrderPaid> paid;

    public Orders(
            io.mendian.ordering.ahead.OrderAhead ahead,
            Event<io.mendian.ordering.OrderPaid> paid,
            GroupHolds groups,
            EntityManager em,
            InventoryApi inventory,
            OrderViews views,
            TenantContext tenant,
            Event<UsageChanged> usage,
            Event<io.mendian.ordering.OrderRefunded> refunds,
            @ConfigProperty(name = "mendian.ordering.paid-hold", defaultValue = "P30D") Duration paidHold) {
        this.ahead = ahead;
        this.paid = paid;
        this.em = em;
        this.inventory = inventory;
        this.views = views;
        this.tenant = tenant;
        this.usage = usage;
        this.refunds = refunds;
        this.paidHold = paidHold;
        this.groups = groups;
    }

    /** The member's order as a payment sees it; 404 when it is not theirs. */
    public OrderingApi.Payable payable(long memberId, String orderNo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select o.order_no, o.store_id, o.total_fen, o.status, o.pay_by, "
                        + "coalesce((select min(product_name) from order_line l where l.order_id = o.id), (select "
                        + "name from order_service_line v where v.order_id = o.id), o.order_no), "
                        + "(select count(*) from order_line l where l.order_id = o.id) from customer_order o "
                        + "where o.order_no = ?1 and o.member_id = ?2")
                .setParameter(1, orderNo)
                .setParameter(2, memberId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("order " + io.mendian.web.Problem.clip(orderNo));
        }
        Object[] r = rows.get(0);
        long lines = ((Number) r[6]).longValue();
        String first = (String) r[5];
        String description = lines > 1 ? first + " 等" + lines + "件" : first;
        return new OrderingApi.Payable(
                (String) r[0],
                ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(),
                (String) r[3],
                ((java.time.Instant) r[4]).atOffset(java.time.ZoneOffset.UTC),
                description.length() > 120 ? description.substring(0, 120) : description);
    }

    /**
     * The payment arrived. A pending order becomes paid and its stock stays held for fulfilment; the brand's order
     * and GMV meters move (through the outbox, with this transaction). Idempotent: an order already past payment
     * answers true; one that ended unpaid answers false.
     */
    public boolean markPaid(String orderNo, String actor) {
        Locked order = lock("order_no = ?1", orderNo, null);
        if (order == null) {
            throw new IllegalStateException("no order " + orderNo);
        }
        if (order.status != OrderStatus.PENDING_PAYMENT) {
            return order.status != OrderStatus.CANCELLED && order.status != OrderStatus.EXPIRED;
        }
        move(order, OrderStatus.PAID, actor, "paid");
        em.createNativeQuery("update customer_order set pickup_code = ?2 where id = ?1")
                .setParameter(1, order.id)
                .setParameter(2, PickupCodes.issue(em, order.id))
                .executeUpdate();
        ahead.paid(order.id);
        if (order.reservation != null
                && !inventory.keepUntil(
                        order.reservation, java.time.Instant.now().plus(paidHold))) {
            // The hold expired before the payment arrived (it outlives the deadline, so this is rare): the order is
            // paid but its goods are no longer set aside; the store sees it and after-sales refunds if need be.
            OrderViews.event(em, order.id, "PAID", "system", "stock hold had already ended; check stock");
        }
        long total = ((Number) em.createNativeQuery("select total_fen from customer_order where id = ?1")
                        .setParameter(1, order.id)
                        .getSingleResult())
                .longValue();
        usage.fire(UsageChanged.add(tenant.require(), UsageChanged.Metric.ORDERS, 1));
        usage.fire(UsageChanged.add(tenant.require(), UsageChanged.Metric.GMV_FEN, total));
        groups.paid(order.id, orderNo);
        paidFor(order.id, orderNo);
        return true;
    }

    /** Whether the order is paid and not ended: PAID or any later step of its work. */
    public boolean isPaid(String orderNo) {
        return ((Number) em.createNativeQuery("select count(*) from customer_order where order_no = ?1 and status in "
                                        + "('PAID', 'ACCEPTED', 'PREPARING', 'READY', 'COMPLETED')")
                                .setParameter(1, orderNo)
                                .getSingleResult())
                        .longValue()
                > 0;
    }

    /** A service order's owner (a booking) learns it was paid, through the outbox with this transaction. */
    private void paidFor(long orderId, String orderNo) {
        Object[] o = (Object[])
                em.createNativeQuery("select member_id, store_id, reference from customer_order where id = ?1")
                        .setParameter(1, orderId)
                        .getSingleResult();
        if (o[2] != null) {
            paid.fire(new io.mendian.ordering.OrderPaid(
                    tenant.require(), orderNo, ((Number) o[0]).longValue(), ((Number) o[1]).longValue(), (String)
                            o[2]));
        }
    }

    /** Appends a refund to the order's timeline (its status stays what the decision made it). */
    public void refunded(String orderNo, long amountFen, String refundNo) {
        Locked order = lock("order_no = ?1", orderNo, null);
        if (order != null) {
            Object[] o = (Object[])
                    em.createNativeQuery("select member_id, store_id, total_fen from customer_order where id = ?1")
                            .setParameter(1, order.id)
                            .getSingleResult();
            refunds.fire(new io.mendian.ordering.OrderRefunded(
                    tenant.require(),
                    orderNo,
                    ((Number) o[0]).longValue(),
                    ((Number) o[1]).longValue(),
                    amountFen,
                    ((Number) o[2]).longValue(),
                    refundNo));
            OrderViews.event(
                    em,
                    order.id,
                    "REFUNDED",
                    "wechat-pay",
                    java.math.BigDecimal.valueOf(amountFen, 2).toPlainString() + " yuan returned (" + refundNo + ")");
        }
    }

    /** Unpaid orders past their deadline, oldest first (not locked: each is settled with WeChat Pay first). */
    @SuppressWarnings("unchecked")
    public List<String> due(int batch, java.util.Collection<String> skipping) {
        return em.createNativeQuery("select order_no from customer_order where status = 'PENDING_PAYMENT' and "
                        + "pay_by <= now() and order_no <> all(cast(?2 as varchar[])) order by pay_by limit ?1")
                .setParameter(1, batch)
                .setParameter(2, skipping.toArray(String[]::new))
                .getResultList();
    }

    /** Ends an unpaid order past its deadline and returns its stock; false when it was paid or ended meanwhile. */
    public boolean expire(String orderNo) {
        Locked order = lock("order_no = ?1 and status = 'PENDING_PAYMENT' and pay_by <= now()", orderNo, null);
        if (order == null) {
            return false;
        }
        end(order, OrderStatus.EXPIRED, "system:expiry", "not paid in time");
        return true;
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

    /** Ends an order not yet paid on the system's behalf (a group-buy team that failed); false when it was not. */
    public boolean cancelUnpaid(String orderNo, String actor, String note) {
        Locked order = lock("order_no = ?1 and status = 'PENDING_PAYMENT'", orderNo, null);
        if (order == null) {
            return false;
        }
        end(order, OrderStatus.CANCELLED, actor, note);
        return true;
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
        move(order, next, actor, note);
        if (order.reservation != null) {
            inventory.release(order.reservation, note, actor);
        }
        ahead.ended(order.id);
        views.voided(order.id);
    }

    private void move(Locked order, OrderStatus next, String actor, String note) {
        if (!order.status.canBecome(next)) {
            throw new IllegalStateException("order " + order.id + " cannot go from " + order.status + " to " + next);
        }
        em.createNativeQuery(
                        "update customer_order set status = ?1, updated_at = now(), version = version + 1 where id = ?2")
                .setParameter(1, next.name())
                .setParameter(2, order.id)
                .executeUpdate();
        OrderViews.event(em, order.id, next.name(), actor, note);
    }
}
