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

    /** Refuses a prepaid item's booking while the brand cannot take payments (409 payments-not-ready). */
    void requirePayable(Item item) {
        if (item.prepay() && item.priceFen() > 0) {
            ordering.requirePayable();
        }
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
        return paid(appointmentId).map(Paid::orderNo);
    }

    private record Paid(String orderNo, long priceFen) {}

    private Optional<Paid> paid(long appointmentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(
                        "select order_no, price_fen from appointment where id = ?1 and order_no is not null")
                .setParameter(1, appointmentId)
                .getResultList();
        return found.stream().findFirst().map(r -> new Paid((String) r[0], ((Number) r[1]).longValue()));
    }

    /** After a cancellation: the payment back, less the fee kept. Nothing when it was never paid online. */
    void refund(long appointmentId, long storeId, long feeFen, String reason, String actor) {
        Optional<Paid> paid = paid(appointmentId);
        if (paid.isEmpty() || !ordering.isPaid(paid.get().orderNo())) {
            return; // unpaid: its order expires at the hold's end, and a late payment is refunded by handle()
        }
        String orderNo = paid.get().orderNo();
        if (feeFen <= 0) {
            ordering.cancelPaid(orderNo, reason, actor);
        } else {
            if (feeFen < paid.get().priceFen()) {
                ordering.refundPart(
                        storeId, orderNo, paid.get().priceFen() - feeFen, reason + " (less the late fee)", actor);
            }
            ordering.completeService(orderNo, actor, "late cancellation: the fee is kept");
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
