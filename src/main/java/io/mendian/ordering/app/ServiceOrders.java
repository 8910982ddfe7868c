package io.mendian.ordering.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.ordering.OrderingApi.ServiceLine;

/**
 * Orders for a service another context sells (a booking): one service line, no SKU and no stock hold, paid through
 * WeChat Pay like any order, and named by the reference of what they pay for. Written in the caller's transaction,
 * so the booking and its order exist together or not at all.
 */
@ApplicationScoped
public class ServiceOrders {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final EntityManager em;
    private final jakarta.enterprise.event.Event<io.mendian.ordering.OrderCompleted> completed;
    private final io.mendian.tenancy.TenantContext tenant;

    public ServiceOrders(
            EntityManager em,
            jakarta.enterprise.event.Event<io.mendian.ordering.OrderCompleted> completed,
            io.mendian.tenancy.TenantContext tenant) {
        this.em = em;
        this.completed = completed;
        this.tenant = tenant;
    }

    /**
     * The service was delivered, or its payment is kept (a no-show, a late cancellation's fee): a paid service order
     * is completed at once (nothing is prepared for it), and the member earns what a completed order earns. Nothing
     * happens to an order that is not paid or already ended.
     */
    public void complete(String orderNo, String actor, String note) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery("update customer_order set status = 'COMPLETED', "
                        + "updated_at = now(), version = version + 1 where order_no = ?1 and status = 'PAID' and "
                        + "reference is not null returning id, member_id, store_id, total_fen")
                .setParameter(1, orderNo)
                .getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] o = rows.get(0);
        OrderViews.event(em, ((Number) o[0]).longValue(), "COMPLETED", actor, note);
        completed.fire(new io.mendian.ordering.OrderCompleted(
                tenant.require(),
                orderNo,
                ((Number) o[1]).longValue(),
                ((Number) o[2]).longValue(),
                ((Number) o[3]).longValue()));
    }

    /** Places the order, payable until {@code payBy}; answers its number. */
    public String place(long memberId, long storeId, ServiceLine line, String reference, Instant at, Instant payBy) {
        long id = ((Number) em.createNativeQuery("select nextval('customer_order_seq')")
                        .getSingleResult())
                .longValue();
        String orderNo = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DAY) + String.format("%08d", id);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("insert into customer_order (id, order_no, member_id, store_id, status, fulfilment_mode, "
                        + "pickup_at, items_fen, delivery_fee_fen, discount_fen, tendered_fen, total_fen, adjustments, "
                        + "pay_by, created_at, updated_at, reference) values (?1, ?2, ?3, ?4, 'PENDING_PAYMENT', 'PICKUP', "
                        + "?5, ?6, 0, 0, 0, ?6, cast('[]' as jsonb), ?7, ?8, ?8, ?9)")
                .setParameter(1, id)
                .setParameter(2, orderNo)
                .setParameter(3, memberId)
                .setParameter(4, storeId)
                .setParameter(5, at.atOffset(ZoneOffset.UTC))
                .setParameter(6, line.priceFen())
                .setParameter(7, payBy.atOffset(ZoneOffset.UTC))
                .setParameter(8, now)
                .setParameter(9, reference)
                .executeUpdate();
        em.createNativeQuery(
                        "insert into order_service_line (order_id, item_id, code, name, price_fen) values (?1, ?2, "
                                + "?3, ?4, ?5)")
                .setParameter(1, id)
                .setParameter(2, line.itemId())
                .setParameter(3, line.code())
                .setParameter(4, line.name())
                .setParameter(5, line.priceFen())
                .executeUpdate();
        OrderViews.event(em, id, "PENDING_PAYMENT", "member:" + memberId, "placed for " + reference);
        return orderNo;
    }
}
