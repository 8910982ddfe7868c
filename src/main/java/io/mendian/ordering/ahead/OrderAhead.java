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

    /** The pickup time checkout records: the chosen one, or for "as soon as possible" now (then the paid time). */
    public record Pickup(Instant at, boolean asap) {}

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final EntityManager em;
    private final OrderAheadSettings settings;
    private final Pauses pauses;
    private final QueueNumbers numbers;
    private final StoreApi stores;

    public OrderAhead(
            EntityManager em, OrderAheadSettings settings, Pauses pauses, QueueNumbers numbers, StoreApi stores) {
        this.em = em;
        this.settings = settings;
        this.pauses = pauses;
        this.numbers = numbers;
        this.stores = stores;
    }

    /**
     * The pickup time of a pickup order asking for {@code requested} (null: as soon as possible, for order-ahead
     * brands only). A paused store refuses orders due before its pause ends, with the time it resumes.
     */
    public Pickup pickup(long storeId, Instant requested) {
        OrderAheadSetting setting = settings.current();
        if (!setting.enabled()) {
            return new Pickup(requested, false); // the store's terms refuse a missing time, as before order ahead
        }
        Pickup pickup = requested == null ? new Pickup(Instant.now(), true) : new Pickup(requested, false);
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
