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

    /** What a service order charges for: the item (its id and code in the selling context), its name and price. */
    public record ServiceLine(long itemId, String code, String name, long priceFen) {}

    private final Orders orders;
    private final Finality finality;
    private final io.mendian.ordering.app.ServiceOrders services;
    private final io.mendian.ordering.app.StoreOrders storeOrders;
    private final PaymentGate payments;

    public OrderingApi(
            Orders orders,
            Finality finality,
            io.mendian.ordering.app.ServiceOrders services,
            io.mendian.ordering.app.StoreOrders storeOrders,
            PaymentGate payments) {
        this.payments = payments;
        this.orders = orders;
        this.finality = finality;
        this.services = services;
        this.storeOrders = storeOrders;
    }

    /**
     * Refuses (409 payments-not-ready) while the brand cannot take payments: asked before a member is promised
     * something paid online, as checkout asks, so that they do not hold a place they cannot pay for.
     */
    public void requirePayable() {
        payments.requireReady();
    }

    /**
     * Places an order for a service another context sells (a booking of a priced item), in the caller's transaction:
     * payable until {@code payBy}, named by {@code reference}; {@link OrderPaid} tells the caller when it is paid.
     */
    public String placeService(
            long memberId, long storeId, ServiceLine line, String reference, Instant at, Instant payBy) {
        return services.place(memberId, storeId, line, reference, at, payBy);
    }

    /** A paid service order is done with: delivered, or its payment kept (a no-show, a late fee). */
    public void completeService(String orderNo, String actor, String note) {
        services.complete(orderNo, actor, note);
    }

    /** Whether the order was paid and is still held paid (not cancelled, expired or unpaid). */
    public boolean isPaid(String orderNo) {
        return orders.isPaid(orderNo);
    }

    /** Cancels a paid service order with its whole payment refunded (what it paid for lapsed or was called off). */
    public void cancelPaid(String orderNo, String reason, String actor) {
        storeOrders.cancelPaid(orderNo, reason, actor);
    }

    /** Refunds part of a paid order (a cancellation less its fee); the order keeps its status. */
    public void refundPart(long storeId, String orderNo, long amountFen, String reason, String actor) {
        storeOrders.refund(storeId, orderNo, amountFen, reason, actor);
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
