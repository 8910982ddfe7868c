package io.mendian.booking.course.app;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.messaging.EventHandler;
import io.mendian.messaging.EventMeta;
import io.mendian.ordering.OrderPaid;
import io.mendian.ordering.OrderingApi;

/**
 * Tuition paid confirms the held enrolment. A payment that arrives after the hold lapsed or the member cancelled
 * (the seat has gone to someone else) is refunded whole.
 */
@ApplicationScoped
public class CoursePayments implements EventHandler<OrderPaid> {

    private final EnrolmentRows rows;
    private final OrderingApi ordering;

    public CoursePayments(EnrolmentRows rows, OrderingApi ordering) {
        this.rows = rows;
        this.ordering = ordering;
    }

    @Override
    public String name() {
        return "course.paid";
    }

    @Override
    public Class<OrderPaid> type() {
        return OrderPaid.class;
    }

    @Override
    public void handle(OrderPaid paid, EventMeta meta) {
        if (!paid.reference().startsWith(Enrolments.PREFIX)) {
            return; // another context's service order
        }
        long id = Long.parseLong(paid.reference().substring(Enrolments.PREFIX.length()));
        if (rows.confirm(id)) {
            return;
        }
        String status = rows.status(id).orElse("GONE");
        if ("EXPIRED".equals(status) || "CANCELLED".equals(status)) {
            ordering.cancelPaid(
                    paid.orderNo(), "the enrolment had ended (" + status + ") before it was paid", "system");
        }
    }
}
