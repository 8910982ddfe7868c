package io.mendian.booking.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.booking.app.ServiceItems.Item;
import io.mendian.booking.domain.AppointmentStatus;
import io.mendian.messaging.EventHandler;
import io.mendian.messaging.EventMeta;
import io.mendian.ordering.OrderPaid;
import io.mendian.ordering.OrderingApi;

/**
 * Priced items are paid online (C8 "confirmed when paid"): booking one places its order through ordering, payable
 * while the hold lasts; the payment confirms the hold. A payment that arrives after the hold lapsed (or the member
 * cancelled) is refunded whole. Cancelling a paid appointment refunds it, less the late fee after the cut-off.
 */
@ApplicationScoped
public class BookingPayments implements EventHandler<OrderPaid> {

    static final String PREFIX = "booking:";

    private final EntityManager em;
    private final OrderingApi ordering;
    private final AppointmentRows rows;

    public BookingPayments(EntityManager em, OrderingApi ordering, AppointmentRows rows) {
        this.em = em;
        this.ordering = ordering;
        this.rows = rows;
    }

    /** In the booking's transaction: the order for a priced item (none for a free one); answers its number. */
    Optional<String> placeOrder(
            long appointmentId, long memberId, long storeId, Item item, Instant startsAt, Instant payBy) {
        if (!item.prepay() || item.priceFen() <= 0) {
            return Optional.empty();
        }
        String orderNo = ordering.placeService(
                memberId,
                storeId,
                new OrderingApi.ServiceLine(item.id(), "SERVICE-" + item.id(), item.name(), item.priceFen()),
                PREFIX + appointmentId,
                startsAt,
                payBy);
        em.createNativeQuery("update appointment set order_no = ?2 where id = ?1")
                .setParameter(1, appointmentId)
                .setParameter(2, orderNo)
                .executeUpdate();
        return Optional.of(orderNo);
    }

    /** The order the appointment is paid with, when it is paid online. */
    Optional<String> orderOf(long appointmentId) {
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery(
                        "select order_no from appointment where id = ?1 and order_no is not null")
                .setParameter(1, appointmentId)
                .getResultList();
        return found.stream().findFirst();
    }

    /** After a cancellation: the payment back, less the fee kept. Nothing when it was never paid online. */
    void refund(long appointmentId, long storeId, long priceFen, long feeFen, String reason, String actor) {
        Optional<String> orderNo = orderOf(appointmentId);
        if (orderNo.isEmpty() || !ordering.isPaid(orderNo.get())) {
            return; // unpaid: its order expires at the hold's end, and a late payment is refunded by handle()
        }
        if (feeFen <= 0) {
            ordering.cancelPaid(orderNo.get(), reason, actor);
        } else {
            if (feeFen < priceFen) {
                ordering.refundPart(storeId, orderNo.get(), priceFen - feeFen, reason + " (less the late fee)", actor);
            }
            ordering.completeService(orderNo.get(), actor, "late cancellation: the fee is kept");
        }
    }

    /** The appointment was served, or missed (its payment is kept): its paid order is completed. */
    void settle(long appointmentId, String actor, String note) {
        orderOf(appointmentId).ifPresent(orderNo -> ordering.completeService(orderNo, actor, note));
    }

    @Override
    public String name() {
        return "booking.paid";
    }

    @Override
    public Class<OrderPaid> type() {
        return OrderPaid.class;
    }

    @Override
    public void handle(OrderPaid paid, EventMeta meta) {
        if (!paid.reference().startsWith(PREFIX)) {
            return; // another context's service order
        }
        long id = Long.parseLong(paid.reference().substring(PREFIX.length()));
        if (rows.move(id, List.of(AppointmentStatus.HELD), AppointmentStatus.CONFIRMED, null, 0)) {
            rows.event(id, "CONFIRMED", "payment", "paid with order " + paid.orderNo());
            return;
        }
        AppointmentStatus status = rows.lock(id, null, null).status();
        if (status == AppointmentStatus.EXPIRED || status == AppointmentStatus.CANCELLED) {
            // The place is gone (or was given up): the money goes back whole.
            ordering.cancelPaid(paid.orderNo(), "the booking had ended (" + status + ") before it was paid", "system");
            rows.event(id, "REFUNDED", "payment", "paid after it ended; order " + paid.orderNo() + " refunded");
        }
    }
}
