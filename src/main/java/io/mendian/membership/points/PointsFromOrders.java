package io.mendian.membership.points;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.messaging.EventHandler;
import io.mendian.messaging.EventMeta;
import io.mendian.ordering.OrderCompleted;

/**
 * Earns points when an order is completed: the rule's points per yuan of what was paid in cash, once per order (the
 * event is handled once, and the ledger's (EARN, order) reference is unique besides).
 */
@ApplicationScoped
public class PointsFromOrders implements EventHandler<OrderCompleted> {

    private final PointsLedger ledger;
    private final PointsRules rules;

    public PointsFromOrders(PointsLedger ledger, PointsRules rules) {
        this.ledger = ledger;
        this.rules = rules;
    }

    @Override
    public String name() {
        return "membership.points-earn";
    }

    @Override
    public Class<OrderCompleted> type() {
        return OrderCompleted.class;
    }

    @Override
    public void handle(OrderCompleted order, EventMeta meta) {
        long points = Math.multiplyExact(order.paidFen(), rules.current().earnPerYuan()) / 100;
        if (points > 0) {
            ledger.credit(new PointsLedger.Change(
                    order.memberId(),
                    points,
                    "EARN",
                    "order:" + order.orderNo(),
                    order.storeId(),
                    "order " + order.orderNo(),
                    "system",
                    rules.expiryFromNow()));
        }
    }

    /** Reverses what an order earned on the part refunded; the handler of {@code OrderRefunded}. */
    @ApplicationScoped
    public static class Reversal implements EventHandler<io.mendian.ordering.OrderRefunded> {

        private final PointsLedger ledger;
        private final EntityManager em;

        public Reversal(PointsLedger ledger, EntityManager em) {
            this.ledger = ledger;
            this.em = em;
        }

        @Override
        public String name() {
            return "membership.points-reverse";
        }

        @Override
        public Class<io.mendian.ordering.OrderRefunded> type() {
            return io.mendian.ordering.OrderRefunded.class;
        }

        @Override
        public void handle(io.mendian.ordering.OrderRefunded refund, EventMeta meta) {
            String order = "order:" + refund.orderNo();
            Object[] earned = (Object[]) em.createNativeQuery("select coalesce(sum(delta) filter (where kind = 'EARN' "
                            + "and reference = ?1), 0), coalesce(-sum(delta) filter (where kind = 'REVERSE' and "
                            + "reference like ?2), 0) from points_ledger where member_id = ?3")
                    .setParameter(1, order)
                    .setParameter(2, order + ":refund:%")
                    .setParameter(3, refund.memberId())
                    .getSingleResult();
            long gained = ((Number) earned[0]).longValue();
            long reversed = ((Number) earned[1]).longValue();
            if (gained == 0 || refund.paidFen() <= 0) {
                return; // refunded before it earned anything (cancelled before pickup)
            }
            long due = Math.min(
                    gained - reversed,
                    Math.multiplyExact(gained, Math.min(refund.refundFen(), refund.paidFen())) / refund.paidFen());
            if (due > 0) {
                // Clamped: points already spent stay spent; the ledger shows what could be taken back.
                ledger.debit(
                        new PointsLedger.Change(
                                refund.memberId(),
                                due,
                                "REVERSE",
                                order + ":refund:" + refund.refundNo(),
                                refund.storeId(),
                                "refund " + refund.refundNo(),
                                "system",
                                null),
                        true);
            }
        }
    }
}
