package io.mendian.ordering.ahead;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.ordering.ahead.api.OrderAheadSetting;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;

/**
 * What order ahead changes in the order's life: at checkout a pickup order may ask for "as soon as possible" and is
 * refused while the store pauses; when paid it gets its queue number; when ready its preparation time is recorded.
 */
@ApplicationScoped
public class OrderAhead {

    /**
     * The pickup time checkout records: the chosen one, or for "as soon as possible" now (then the paid time); and the
     * orders the store takes per quarter of an hour (0: no limit).
     */
    public record Pickup(Instant at, boolean asap, int slotCapacity) {

        public Pickup(Instant at, boolean asap) {
            this(at, asap, 0);
        }
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final EntityManager em;
    private final OrderAheadSettings settings;
    private final Pauses pauses;
    private final QueueNumbers numbers;
    private final StoreApi stores;
    private final MakeSlots slots;

    public OrderAhead(
            EntityManager em,
            OrderAheadSettings settings,
            Pauses pauses,
            QueueNumbers numbers,
            StoreApi stores,
            MakeSlots slots) {
        this.em = em;
        this.settings = settings;
        this.pauses = pauses;
        this.numbers = numbers;
        this.stores = stores;
        this.slots = slots;
    }

    /**
     * The pickup time of a pickup order asking for {@code requested} (null: as soon as possible, for order-ahead
     * brands only). A paused store refuses orders due before its pause ends, with the time it resumes; a full quarter of
     * an hour is refused with the next ones that have room ({@link #requireRoom} for the quote, {@link #placed} takes it).
     */
    public Pickup pickup(long storeId, Instant requested) {
        OrderAheadSetting setting = settings.current();
        if (!setting.enabled()) {
            return new Pickup(requested, false); // the store's terms refuse a missing time, as before order ahead
        }
        int capacity = setting.limitsSlots() ? setting.slotCapacity() : 0;
        Pickup pickup =
                requested == null ? new Pickup(Instant.now(), true, capacity) : new Pickup(requested, false, capacity);
        pauses.active(storeId).ifPresent(pause -> {
            if (pickup.asap() || pickup.at().isBefore(pause.until().toInstant())) {
                String resumes = CLOCK.format(pause.until().atZoneSameInstant(stores.timeZone(storeId)));
                throw ProblemException.conflict(
                                "order-ahead-paused",
                                "the store is not taking orders ahead until " + resumes
                                        + (pause.reason() == null ? "" : " (" + pause.reason() + ")")
                                        + "; choose a pickup time after that")
                        .with("resumesAt", pause.until().toString());
            }
        });
        return pickup;
    }

    /** For the quote, once the store accepted the pickup time: 409 slot-full when its quarter is full already. */
    public void requireRoom(long storeId, Pickup pickup) {
        if (pickup.slotCapacity() > 0) {
            slots.requireRoom(storeId, pickup.at(), pickup.slotCapacity());
        }
    }

    /** In the checkout transaction, once the order is written: its place in the store's quarter of an hour. */
    public void placed(long orderId, long storeId, Pickup pickup) {
        if (pickup.slotCapacity() > 0) {
            slots.take(orderId, storeId, pickup.at(), pickup.slotCapacity());
        }
    }

    /** Where an order ends unmade (cancelled, expired, rejected): its place in the quarter is free again. */
    public void ended(long orderId) {
        slots.release(orderId);
    }

    /** In the paid transition: the queue number, and for "as soon as possible" the time it became due. */
    public void paid(long orderId) {
        em.createNativeQuery("update customer_order set pickup_at = now() where id = ?1 and asap")
                .setParameter(1, orderId)
                .executeUpdate();
        numbers.issue(orderId);
    }

    /** In the ready transition: how long the order took from accepted (or paid) to ready, for the estimates. */
    public void ready(long orderId) {
        em.createNativeQuery(
                        "update customer_order set ready_at = now(), prep_seconds = greatest(0, cast(extract(epoch "
                                + "from now() - coalesce((select min(e.at) from order_event e where e.order_id = ?1 and "
                                + "e.status = 'ACCEPTED'), (select min(e.at) from order_event e where e.order_id = ?1 and "
                                + "e.status = 'PAID'))) as int)) where id = ?1 and queue_seq is not null")
                .setParameter(1, orderId)
                .executeUpdate();
    }
}
