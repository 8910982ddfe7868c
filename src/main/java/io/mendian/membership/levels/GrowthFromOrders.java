package io.mendian.membership.levels;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.messaging.EventHandler;
import io.mendian.messaging.EventMeta;
import io.mendian.ordering.OrderCompleted;
import io.mendian.ordering.OrderRefunded;

/**
 * Growth follows money paid: one per yuan a completed order was paid in cash, once per order; a refund takes back the
 * refunded share of what the order earned.
 */
@ApplicationScoped
public class GrowthFromOrders implements EventHandler<OrderCompleted> {

    private final Growth growth;

    public GrowthFromOrders(Growth growth) {
        this.growth = growth;
    }

    @Override
    public String name() {
        return "membership.growth-earn";
    }

    @Override
    public Class<OrderCompleted> type() {
        return OrderCompleted.class;
    }

    @Override
    public void handle(OrderCompleted order, EventMeta meta) {
        long earned = order.paidFen() / 100;
        if (earned > 0) {
            growth.change(
                    order.memberId(), earned, "EARN", "order:" + order.orderNo(), "order " + order.orderNo(), "system");
        }
    }

    /** Takes back the refunded share of what an order earned; the handler of {@code OrderRefunded}. */
    @ApplicationScoped
    public static class Reversal implements EventHandler<OrderRefunded> {

        private final Growth growth;

        public Reversal(Growth growth) {
            this.growth = growth;
        }

        @Override
        public String name() {
            return "membership.growth-reverse";
        }

        @Override
        public Class<OrderRefunded> type() {
            return OrderRefunded.class;
        }

        @Override
        public void handle(OrderRefunded refund, EventMeta meta) {
            String order = "order:" + refund.orderNo();
            long[] earned = growth.earned(refund.memberId(), order);
            if (earned[0] <= 0 || refund.paidFen() <= 0) {
                return; // refunded before it earned anything
            }
            long due = Math.min(
                    earned[0] - earned[1],
                    Math.multiplyExact(earned[0], Math.min(refund.refundFen(), refund.paidFen())) / refund.paidFen());
            if (due > 0) {
                growth.change(
                        refund.memberId(),
                        -due,
                        "REVERSE",
                        order + ":refund:" + refund.refundNo(),
                        "refund " + refund.refundNo(),
                        "system");
            }
        }
    }
}
