package io.mendian.ordering;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.ordering.app.Orders;

/** What other contexts (payment, later after-sales and membership) may ask of orders. */
@ApplicationScoped
public class OrderingApi {

    /** What a payment needs to know of an order. */
    public record Payable(
            String orderNo, long storeId, long totalFen, String status, OffsetDateTime payBy, String description) {}

    private final Orders orders;

    public OrderingApi(Orders orders) {
        this.orders = orders;
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
