package io.mendian.ordering.ahead;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.ordering.ahead.api.MakeQueueView;
import io.mendian.ordering.ahead.api.OrderAheadSetting;
import io.mendian.ordering.ahead.api.QueueStatusView;
import io.mendian.ordering.ahead.api.StoreWaitView;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/** The queue as the store works it, as a member follows their order in it, and as a customer sees it before ordering. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class MakeQueue {

    static final int LIMIT = 200;

    /**
     * Quarters of an hour from the current one that cover what the storefronts offer (48 quarters starting one or two
     * ahead), whose full ones they grey out.
     */
    private static final int FULL_LOOK_AHEAD = 50;

    private final OrderAheadSettings settings;
    private final Pauses pauses;
    private final Waits waits;
    private final EntityManager em;
    private final MakeSlots slots;

    public MakeQueue(OrderAheadSettings settings, Pauses pauses, Waits waits, EntityManager em, MakeSlots slots) {
        this.em = em;
        this.slots = slots;
        this.settings = settings;
        this.pauses = pauses;
        this.waits = waits;
    }

    /** Open orders first, by when they are due and their number, each with its estimate; then the ready ones. */
    public MakeQueueView store(long storeId) {
        OrderAheadSetting setting = settings.current();
        int prep = waits.prepSeconds(storeId, setting);
        Optional<Pauses.Pause> pause = pauses.active(storeId);
        List<Object[]> rows = Rows.list(
                em,
                "select o.id, o.order_no, o.queue_no, o.status, o.asap, o.pickup_at, o.ready_at, o.note from "
                        + "customer_order o where o.store_id = ?1 and o.queue_seq is not null and (" + Waits.OPEN
                        + " or o.status = 'READY') order by case when o.status = 'READY' then 1 else 0 end, "
                        + "o.pickup_at, o.queue_day, o.queue_seq limit " + (LIMIT + 1),
                storeId);
        long total = rows.size() <= LIMIT
                ? rows.size()
                : ((Number) Rows.list(
                                        em,
                                        "select count(*) from customer_order o where o.store_id = ?1 and o.queue_seq "
                                                + "is not null and (" + Waits.OPEN + " or o.status = 'READY')",
                                        storeId)
                                .get(0)[0])
                        .longValue();
        List<Object[]> shown = rows.subList(0, Math.min(LIMIT, rows.size()));
        Map<Long, List<String>> items = items(shown);
        Instant now = Instant.now();
        List<MakeQueueView.Ticket> tickets = new ArrayList<>();
        long place = 0;
        for (Object[] r : shown) {
            long id = ((Number) r[0]).longValue();
            String status = (String) r[3];
            boolean asap = (Boolean) r[4];
            Instant pickupAt = (Instant) r[5];
            boolean ready = "READY".equals(status);
            OffsetDateTime readyBy = ready
                    ? r[6] == null ? null : ((Instant) r[6]).atOffset(ZoneOffset.UTC)
                    : Waits.readyBy(place++, prep, setting.lanes(), pickupAt, asap);
            boolean late = !ready && now.isAfter(asap ? pickupAt.plusSeconds(prep) : pickupAt);
            tickets.add(new MakeQueueView.Ticket(
                    (String) r[1],
                    (String) r[2],
                    status,
                    asap,
                    pickupAt.atOffset(ZoneOffset.UTC),
                    readyBy,
                    items.getOrDefault(id, List.of()),
                    (String) r[7],
                    late));
        }
        return new MakeQueueView(
                setting.enabled(),
                pause.map(Pauses.Pause::until).orElse(null),
                pause.map(Pauses.Pause::reason).orElse(null),
                prep,
                setting.lanes(),
                Waits.waitMinutes(waits.dueNow(storeId), prep, setting.lanes()),
                tickets,
                total - shown.size());
    }

    /** The member's order in its store's queue. */
    public QueueStatusView member(long memberId, String orderNo) {
        List<Object[]> rows = Rows.list(
                em,
                "select store_id, queue_no, status, asap, pickup_at, ready_at, queue_seq, queue_day from "
                        + "customer_order where order_no = ?1 and member_id = ?2",
                orderNo,
                memberId);
        if (rows.isEmpty()) {
            throw ProblemException.notFound("order " + Problem.clip(orderNo));
        }
        Object[] r = rows.get(0);
        if (r[1] == null) {
            throw ProblemException.conflict(
                    "not-queued",
                    "order " + Problem.clip(orderNo) + " has no queue number: it is not an order-ahead pickup order, "
                            + "or it is not paid yet");
        }
        long storeId = ((Number) r[0]).longValue();
        String status = (String) r[2];
        boolean asap = (Boolean) r[3];
        Instant pickupAt = (Instant) r[4];
        long ahead = 0;
        OffsetDateTime readyBy;
        if ("READY".equals(status) || "COMPLETED".equals(status)) {
            readyBy = r[5] == null ? null : ((Instant) r[5]).atOffset(ZoneOffset.UTC);
        } else if ("CANCELLED".equals(status)) {
            readyBy = null;
        } else {
            OrderAheadSetting setting = settings.current();
            ahead = waits.ahead(storeId, pickupAt, ((Number) r[6]).intValue(), Rows.date(r[7]));
            readyBy = Waits.readyBy(ahead, waits.prepSeconds(storeId, setting), setting.lanes(), pickupAt, asap);
        }
        return new QueueStatusView(
                orderNo, storeId, (String) r[1], status, asap, pickupAt.atOffset(ZoneOffset.UTC), ahead, readyBy);
    }

    /** Before ordering: whether the store takes orders ahead now and how long a new one would wait. */
    public StoreWaitView storeWait(long storeId) {
        OrderAheadSetting setting = settings.current();
        if (!setting.enabled()) {
            return new StoreWaitView(false, false, null, null, 0, 0, 0, List.of());
        }
        Optional<Pauses.Pause> pause = pauses.active(storeId);
        long due = waits.dueNow(storeId);
        return new StoreWaitView(
                true,
                pause.isPresent(),
                pause.map(Pauses.Pause::until).orElse(null),
                pause.map(Pauses.Pause::reason).orElse(null),
                due,
                Waits.waitMinutes(due, waits.prepSeconds(storeId, setting), setting.lanes()),
                setting.slotCapacity(),
                setting.limitsSlots() ? slots.fullAhead(storeId, setting.slotCapacity(), FULL_LOOK_AHEAD) : List.of());
    }

    private Map<Long, List<String>> items(List<Object[]> orders) {
        Map<Long, List<String>> items = new LinkedHashMap<>();
        if (orders.isEmpty()) {
            return items;
        }
        List<Long> ids = orders.stream().map(r -> ((Number) r[0]).longValue()).toList();
        @SuppressWarnings("unchecked")
        // The SKU's code joins the name when two lines of one order share it (a tall and a grande Americano).
        List<Object[]> lines = em.createNativeQuery("select order_id, product_name, quantity, sku_code, count(*) over "
                        + "(partition by order_id, product_name) from order_line where order_id in (:ids) order by "
                        + "order_id, sku_id")
                .setParameter("ids", ids)
                .getResultList();
        for (Object[] line : lines) {
            String name = ((Number) line[4]).longValue() > 1 ? line[1] + " " + line[3] : (String) line[1];
            items.computeIfAbsent(((Number) line[0]).longValue(), k -> new ArrayList<>())
                    .add(name + " ×" + line[2]);
        }
        return items;
    }
}
