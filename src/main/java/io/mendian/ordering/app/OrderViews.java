package io.mendian.ordering.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.ordering.api.OrderView;
import io.mendian.ordering.domain.Adjustment;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/** Reads of a member's orders; another member's order does not exist for them (404). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OrderViews {

    private static final String COLUMNS = "select id, order_no, store_id, status, fulfilment_mode, pickup_at, "
            + "address::text, note, items_fen, adjustments::text, delivery_fee_fen, discount_fen, total_fen, pay_by, "
            + "created_at, pickup_code, address_sealed, queue_no, asap from customer_order";

    private final OrderAddresses addresses;
    private final EntityManager em;
    private final ObjectMapper json;
    private final io.mendian.promotion.PromotionApi promotions;

    public OrderViews(
            EntityManager em,
            ObjectMapper json,
            io.mendian.promotion.PromotionApi promotions,
            OrderAddresses addresses) {
        this.addresses = addresses;
        this.em = em;
        this.json = json;
        this.promotions = promotions;
    }

    public OrderView get(long memberId, String orderNo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + " where order_no = ?1 and member_id = ?2")
                .setParameter(1, orderNo)
                .setParameter(2, memberId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("order " + io.mendian.web.Problem.clip(orderNo));
        }
        return view(rows.get(0), true);
    }

    /** One order of a store, as its staff see it (without the pickup code, which they get from the customer). */
    public OrderView ofStore(long storeId, String orderNo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + " where order_no = ?1 and store_id = ?2")
                .setParameter(1, orderNo)
                .setParameter(2, storeId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("order " + io.mendian.web.Problem.clip(orderNo));
        }
        return view(rows.get(0), false);
    }

    /** Any order of the brand by number (HQ checks the store against its scope). */
    public java.util.Optional<OrderView> find(String orderNo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + " where order_no = ?1")
                .setParameter(1, orderNo)
                .getResultList();
        return rows.stream().findFirst().map(r -> view(r, false));
    }

    /**
     * The store's queue: orders in the given statuses (all paid ones when none), oldest first; paid orders waiting for
     * their group-buy team are not the store's work yet.
     */
    public Page<OrderView> queue(long storeId, List<String> statuses, PageRequest page) {
        String[] wanted = statuses.isEmpty()
                ? new String[] {"PAID", "ACCEPTED", "PREPARING", "READY"}
                : statuses.toArray(String[]::new);
        long total = ((Number) em.createNativeQuery("select count(*) from customer_order where store_id = ?1 and "
                                + "status = any(cast(?2 as varchar[])) and not awaiting_group and reference is null")
                        .setParameter(1, storeId)
                        .setParameter(2, wanted)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + " where store_id = ?1 and status = any(cast(?2 as "
                        + "varchar[])) and not awaiting_group and reference is null order by coalesce(pickup_at, created_at), id limit ?3 "
                        + "offset ?4")
                .setParameter(1, storeId)
                .setParameter(2, wanted)
                .setParameter(3, page.size())
                .setParameter(4, page.offset())
                .getResultList();
        return new Page<>(rows.stream().map(r -> view(r, false)).toList(), page.page(), page.size(), total);
    }

    public Page<OrderView> list(long memberId, PageRequest page) {
        long total = ((Number) em.createNativeQuery("select count(*) from customer_order where member_id = ?1")
                        .setParameter(1, memberId)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        COLUMNS + " where member_id = ?1 order by id desc limit ?2 offset ?3")
                .setParameter(1, memberId)
                .setParameter(2, page.size())
                .setParameter(3, page.offset())
                .getResultList();
        return new Page<>(rows.stream().map(r -> view(r, true)).toList(), page.page(), page.size(), total);
    }

    private OrderView view(Object[] r, boolean member) {
        long id = ((Number) r[0]).longValue();
        @SuppressWarnings("unchecked")
        // A service order's line (a booking) reads as a line of SKU 0: the item's code and name, once.
        List<Object[]> lines = em.createNativeQuery("select sku_id, sku_code, product_name, unit_price_fen, quantity, "
                        + "line_fen from order_line where order_id = ?1 union all select 0, code, name, price_fen, 1, "
                        + "price_fen from order_service_line where order_id = ?1 order by 1")
                .setParameter(1, id)
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery(
                        "select status, actor, note, at from order_event where order_id = ?1 order by id")
                .setParameter(1, id)
                .getResultList();
        try {
            return new OrderView(
                    (String) r[1],
                    ((Number) r[2]).longValue(),
                    (String) r[3],
                    (String) r[4],
                    Rows.offset(r[5]),
                    addresses.read((String) r[16], (String) r[6]),
                    (String) r[7],
                    lines.stream()
                            .map(l -> new OrderView.Line(
                                    ((Number) l[0]).longValue(),
                                    (String) l[1],
                                    (String) l[2],
                                    ((Number) l[3]).longValue(),
                                    ((Number) l[4]).intValue(),
                                    ((Number) l[5]).longValue()))
                            .toList(),
                    ((Number) r[8]).longValue(),
                    json.readValue((String) r[9], new TypeReference<List<Adjustment>>() {}),
                    ((Number) r[10]).longValue(),
                    ((Number) r[11]).longValue(),
                    ((Number) r[12]).longValue(),
                    Rows.offset(r[13]),
                    Rows.offset(r[14]),
                    member ? (String) r[15] : null,
                    events.stream()
                            .map(e ->
                                    new OrderView.Event((String) e[0], (String) e[1], (String) e[2], Rows.offset(e[3])))
                            .toList(),
                    promotions.priceOf((String) r[1]).orElse(null),
                    (String) r[17],
                    (Boolean) r[18]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable order " + id, e);
        }
    }

    /** Appends to the order's timeline (in the caller's transaction); after-sales writes through it too. */
    /** The order ended unpaid or was cancelled with a full refund: what its price took (coupons) goes back. */
    void voided(long orderId) {
        String orderNo = (String) em.createNativeQuery("select order_no from customer_order where id = ?1")
                .setParameter(1, orderId)
                .getSingleResult();
        promotions.orderVoided(orderNo);
    }

    public static void event(EntityManager em, long orderId, String status, String actor, String note) {
        em.createNativeQuery(
                        "insert into order_event (order_id, status, actor, note, at) values (?1, ?2, ?3, ?4, now())")
                .setParameter(1, orderId)
                .setParameter(2, status)
                .setParameter(3, actor)
                .setParameter(4, note)
                .executeUpdate();
        // Every status an order reaches passes here; the statuses are a fixed set, so the tag stays bounded.
        io.mendian.operations.BusinessMetrics.countStatic("mendian.orders", "status", status);
    }
}
