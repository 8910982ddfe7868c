package io.mendian.ordering.aftersales;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.inventory.InventoryApi;
import io.mendian.ordering.PaymentGate;
import io.mendian.ordering.app.OrderViews;
import io.mendian.promotion.PromotionApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;

/**
 * After-sales (S3, C5): within {@code mendian.ordering.after-sales-window} of pickup a member asks for money back or
 * to return goods; the order's store approves (the refund is recorded with the approval and returned goods go back
 * into stock, or are written off) or rejects with a reason. One open request per order; the amounts of all
 * approved requests never exceed what was paid (the payment context checks under its lock).
 */
@ApplicationScoped
@Transactional
public class AfterSales {

    private static final String COLUMNS =
            "select id, order_no, store_id, kind, amount_fen, reason, lines::text, status, "
                    + "restocked, decision_note, decided_by, decided_at, refund_no, created_at from after_sale";

    private final EntityManager em;
    private final PaymentGate payments;
    private final InventoryApi inventory;
    private final PromotionApi promotions;
    private final ObjectMapper json;
    private final Duration window;

    public AfterSales(
            EntityManager em,
            PaymentGate payments,
            InventoryApi inventory,
            PromotionApi promotions,
            ObjectMapper json,
            @ConfigProperty(name = "mendian.ordering.after-sales-window", defaultValue = "P7D") Duration window) {
        this.em = em;
        this.payments = payments;
        this.inventory = inventory;
        this.promotions = promotions;
        this.json = json;
        this.window = window;
    }

    public AfterSaleView request(long memberId, String orderNo, AfterSaleRequest request) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, store_id, status, updated_at, reference from "
                        + "customer_order where order_no = ?1 and member_id = ?2 for update")
                .setParameter(1, orderNo)
                .setParameter(2, memberId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        Object[] order = rows.get(0);
        if (order[4] != null) {
            // A service order (an appointment, a course) is settled by what it paid for: its cancellation refunds it
            // by that service's rules (the cut-off, the sessions given), which an after-sales request would bypass.
            throw ProblemException.conflict(
                    "service-order",
                    "this order paid for an appointment or a course; cancel that instead, and its refund follows "
                            + "its rules");
        }
        if (!"COMPLETED".equals(order[2])) {
            throw ProblemException.conflict(
                    "not-after-sales", "after-sales is for orders handed over; cancel an order that is not ready yet");
        }
        if (((Instant) order[3]).plus(window).isBefore(Instant.now())) {
            throw ProblemException.conflict(
                    "after-sales-closed", "after-sales closes " + window.toDays() + " days after pickup");
        }
        long orderId = ((Number) order[0]).longValue();
        long storeId = ((Number) order[1]).longValue();
        List<AfterSaleRequest.Line> lines = request.lines() == null ? List.of() : request.lines();
        long amount;
        if ("RETURN".equals(request.kind())) {
            amount = returnValue(orderId, orderNo, lines);
        } else {
            if (request.amountFen() == null) {
                throw ProblemException.unprocessable("amount-required", "a REFUND request names its amountFen");
            }
            amount = request.amountFen();
            lines = List.of();
        }
        int inserted = em.createNativeQuery("insert into after_sale (order_no, member_id, store_id, kind, amount_fen, "
                        + "reason, lines, status, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), "
                        + "'REQUESTED', now()) on conflict do nothing")
                .setParameter(1, orderNo)
                .setParameter(2, memberId)
                .setParameter(3, storeId)
                .setParameter(4, request.kind())
                .setParameter(5, amount)
                .setParameter(6, request.reason())
                .setParameter(7, write(lines))
                .executeUpdate();
        if (inserted == 0) {
            throw ProblemException.conflict(
                    "after-sale-open", "this order already has a request waiting for the store");
        }
        OrderViews.event(
                em, orderId, "AFTER_SALE_REQUESTED", "member:" + memberId, request.kind() + " " + amount + " fen");
        return latest(orderNo);
    }

    public List<AfterSaleView> ofOrder(long memberId, String orderNo) {
        long owned = ((Number) em.createNativeQuery(
                                "select count(*) from customer_order where order_no = ?1 and member_id = ?2")
                        .setParameter(1, orderNo)
                        .setParameter(2, memberId)
                        .getSingleResult())
                .longValue();
        if (owned == 0) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        return list(COLUMNS + " where order_no = ?1 order by id", orderNo);
    }

    public Page<AfterSaleView> ofStore(long storeId, String status, PageRequest page) {
        String where = " where store_id = ?1" + (status == null ? "" : " and status = ?2");
        var count =
                em.createNativeQuery("select count(*) from after_sale" + where).setParameter(1, storeId);
        var select = em.createNativeQuery(
                        COLUMNS + where + " order by id desc limit " + page.size() + " offset " + page.offset())
                .setParameter(1, storeId);
        if (status != null) {
            count.setParameter(2, status);
            select.setParameter(2, status);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        return new Page<>(
                rows.stream().map(this::view).toList(),
                page.page(),
                page.size(),
                ((Number) count.getSingleResult()).longValue());
    }

    /** Approves: the refund is recorded now (sent after commit); returned goods go back on the shelf unless not. */
    public AfterSaleView approve(long storeId, long id, AfterSaleDecision decision, String actor) {
        Object[] row = lockOpen(storeId, id);
        String orderNo = (String) row[1];
        String kind = (String) row[3];
        long amount = ((Number) row[4]).longValue();
        boolean restock =
                "RETURN".equals(kind) && (decision == null || decision.restock() == null || decision.restock());
        if ("RETURN".equals(kind) && promotions.priceOf(orderNo).isPresent()) {
            // Remember which units went back, so that they cannot be refunded twice and their coupons can return.
            Map<Long, Long> asked = new HashMap<>();
            read((String) row[6]).forEach(l -> asked.merge(l.skuId(), (long) l.quantity(), Long::sum));
            promotions.refundUnits(orderNo, units(asked));
        }
        // Units that points or stored value paid entirely return no money (their points come back with refundUnits).
        String refundNo = amount > 0
                ? payments.refund(orderNo, amount, "after-sales " + id + ": " + row[5], actor)
                : "no payment";
        if (restock) {
            List<InventoryApi.Line> goods = new ArrayList<>();
            for (AfterSaleRequest.Line line : read((String) row[6])) {
                goods.add(new InventoryApi.Line(storeId, line.skuId(), line.quantity()));
            }
            inventory.restock(goods, "after-sale:" + id, actor);
        }
        decide(
                id,
                "APPROVED",
                "RETURN".equals(kind) ? restock : null,
                decision == null ? null : decision.note(),
                actor,
                refundNo);
        OrderViews.event(
                em, orderId(orderNo), "AFTER_SALE_APPROVED", actor, refundNo + (restock ? ", goods restocked" : ""));
        return view(id);
    }

    public AfterSaleView reject(long storeId, long id, AfterSaleDecision decision, String actor) {
        if (decision == null || decision.note() == null || decision.note().isBlank()) {
            throw ProblemException.unprocessable("note-required", "say why, for the customer");
        }
        Object[] row = lockOpen(storeId, id);
        decide(id, "REJECTED", null, decision.note(), actor, null);
        OrderViews.event(em, orderId((String) row[1]), "AFTER_SALE_REJECTED", actor, decision.note());
        return view(id);
    }

    /**
     * What the returned units carried: their share of the price after discounts, as apportioned at checkout (X2), or
     * their unit price for orders priced before the pricing engine.
     */
    private long returnValue(long orderId, String orderNo, List<AfterSaleRequest.Line> lines) {
        if (lines.isEmpty()) {
            throw ProblemException.unprocessable(
                    "lines-required", "a RETURN lists the SKUs and quantities coming back");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> ordered = em.createNativeQuery(
                        "select sku_id, unit_price_fen, quantity from order_line where " + "order_id = ?1")
                .setParameter(1, orderId)
                .getResultList();
        Map<Long, long[]> bought = new HashMap<>();
        ordered.forEach(o -> bought.put(
                ((Number) o[0]).longValue(), new long[] {((Number) o[1]).longValue(), ((Number) o[2]).longValue()}));
        long total = 0;
        Map<Long, Long> asked = new HashMap<>();
        for (AfterSaleRequest.Line line : lines) {
            asked.merge(line.skuId(), (long) line.quantity(), Long::sum);
        }
        for (var entry : asked.entrySet()) {
            long[] b = bought.get(entry.getKey());
            if (b == null || entry.getValue() > b[1]) {
                throw ProblemException.unprocessable(
                        "not-in-order", "SKU " + entry.getKey() + " was not bought in that quantity in this order");
            }
            total += b[0] * entry.getValue();
        }
        return promotions
                .valueOfUnits(orderNo, units(asked))
                .map(PromotionApi.Returned::cashFen)
                .orElse(total);
    }

    private static Map<String, Integer> units(Map<Long, Long> bySku) {
        Map<String, Integer> units = new HashMap<>();
        bySku.forEach((sku, n) -> units.put(PromotionApi.lineKey(sku), n.intValue()));
        return units;
    }

    private Object[] lockOpen(long storeId, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, order_no, status, kind, amount_fen, reason, lines::text "
                        + "from after_sale where id = ?1 and store_id = ?2 for update")
                .setParameter(1, id)
                .setParameter(2, storeId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("after-sales request " + id);
        }
        if (!"REQUESTED".equals(rows.get(0)[2])) {
            throw ProblemException.conflict("already-decided", "this request was " + rows.get(0)[2]);
        }
        return rows.get(0);
    }

    private void decide(long id, String status, Boolean restocked, String note, String actor, String refundNo) {
        em.createNativeQuery("update after_sale set status = ?2, restocked = ?3, decision_note = ?4, decided_by = ?5, "
                        + "decided_at = now(), refund_no = ?6 where id = ?1")
                .setParameter(1, id)
                .setParameter(2, status)
                .setParameter(3, restocked)
                .setParameter(4, note)
                .setParameter(5, actor)
                .setParameter(6, refundNo)
                .executeUpdate();
    }

    private long orderId(String orderNo) {
        return ((Number) em.createNativeQuery("select id from customer_order where order_no = ?1")
                        .setParameter(1, orderNo)
                        .getSingleResult())
                .longValue();
    }

    private AfterSaleView view(long id) {
        return list(COLUMNS + " where id = ?1", id).get(0);
    }

    private AfterSaleView latest(String orderNo) {
        List<AfterSaleView> all = list(COLUMNS + " where order_no = ?1 order by id desc limit 1", orderNo);
        return all.get(0);
    }

    private List<AfterSaleView> list(String sql, Object parameter) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(sql).setParameter(1, parameter).getResultList();
        return rows.stream().map(this::view).toList();
    }

    private AfterSaleView view(Object[] r) {
        return new AfterSaleView(
                ((Number) r[0]).longValue(),
                (String) r[1],
                ((Number) r[2]).longValue(),
                (String) r[3],
                ((Number) r[4]).longValue(),
                (String) r[5],
                read((String) r[6]),
                (String) r[7],
                (Boolean) r[8],
                (String) r[9],
                (String) r[10],
                r[11] == null ? null : ((Instant) r[11]).atOffset(ZoneOffset.UTC),
                (String) r[12],
                ((Instant) r[13]).atOffset(ZoneOffset.UTC));
    }

    private List<AfterSaleRequest.Line> read(String raw) {
        try {
            return json.readValue(raw, new TypeReference<List<AfterSaleRequest.Line>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
