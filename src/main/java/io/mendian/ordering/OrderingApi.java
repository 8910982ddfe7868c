package io.mendian.ordering;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.ordering.aftersales.Finality;
import io.mendian.ordering.app.Orders;

/** What other contexts (payment, later after-sales and membership) may ask of orders. */
@ApplicationScoped
public class OrderingApi {

    /** What a payment needs to know of an order. */
    public record Payable(
            String orderNo, long storeId, long totalFen, String status, OffsetDateTime payBy, String description) {}

    /**
     * Whether an order's money can still move. {@code revisitAt} is when a completed order's after-sales window closes
     * (null for other orders).
     */
    public record OrderFinality(State state, Instant revisitAt) {
        public enum State {
            /** Still being paid, fulfilled, or inside its after-sales window (or a request is open). */
            OPEN,
            /** Completed, and its after-sales window closed with nothing open: no refund can follow. */
            FINAL,
            /** Cancelled or expired: whatever was paid has been or is being refunded. */
            ENDED
        }
    }

    private final Orders orders;
    private final Finality finality;

    public OrderingApi(Orders orders, Finality finality) {
        this.orders = orders;
        this.finality = finality;
    }

    /** The finality of each order that exists, by order number. */
    public Map<String, OrderFinality> finality(Collection<String> orderNos) {
        return finality.of(orderNos);
    }

    /** The member's order as a payment sees it; 404 when it is not theirs. */
    public Payable payable(long memberId, String orderNo) {
        return orders.payable(memberId, orderNo);
    }

    /** WeChat Pay returned money to the customer: the order's timeline says so. */
    public void refunded(String orderNo, long amountFen, String refundNo) {
        orders.refunded(orderNo, amountFen, refundNo);
    }

    /**
     * Records that the order was paid; joins the caller's transaction. True when the order is paid (now or before),
     * false when it had already ended unpaid (the payment must then be refunded).
     */
    public boolean markPaid(String orderNo, String actor) {
        return orders.markPaid(orderNo, actor);
    }
}
