package io.mendian.ordering.ahead;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.store.FulfilmentTerms;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * Order ahead's make capacity (C12): a store takes at most the brand's {@code slotCapacity} pickup orders per quarter of
 * an hour. A place is taken in the checkout transaction by one guarded upsert on the quarter's row, so that checkouts
 * racing for the last place cannot both win, and given back once when the order ends unmade (the order forgets its
 * quarter in the same statement).
 */
@ApplicationScoped
class MakeSlots {

    static final Duration QUARTER = Duration.ofMinutes(15);
    /** Quarters offered instead of a full one. */
    private static final int ALTERNATIVES = 3;

    /** How far after a full quarter the alternatives are looked for: four hours. */
    private static final int LOOK_AHEAD = 16;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final EntityManager em;
    private final StoreApi stores;
    private final FulfilmentTerms terms;

    MakeSlots(EntityManager em, StoreApi stores, FulfilmentTerms terms) {
        this.em = em;
        this.stores = stores;
        this.terms = terms;
    }

    /** The quarter of an hour holding {@code at} (quarters align in every zone: offsets are whole quarters). */
    static Instant quarterOf(Instant at) {
        long seconds = QUARTER.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    /** For a quote: refuses a pickup whose quarter is full already (409 slot-full with alternatives). */
    void requireRoom(long storeId, Instant at, int capacity) {
        Instant quarter = quarterOf(at);
        if (taken(storeId, quarter, quarter.plus(QUARTER)).getOrDefault(quarter, 0) >= capacity) {
            throw full(storeId, quarter, capacity);
        }
    }

    /** Takes the order's place in the quarter of {@code at}, or refuses (409 slot-full) when it is full. */
    void take(long orderId, long storeId, Instant at, int capacity) {
        Instant quarter = quarterOf(at);
        List<?> taken = em.createNativeQuery("insert into make_slot (store_id, slot_start, taken) values (?1, ?2, 1) "
                        + "on conflict (store_id, slot_start) do update set taken = make_slot.taken + 1 where "
                        + "make_slot.taken < ?3 returning taken")
                .setParameter(1, storeId)
                .setParameter(2, quarter.atOffset(ZoneOffset.UTC))
                .setParameter(3, capacity)
                .getResultList();
        if (taken.isEmpty()) {
            throw full(storeId, quarter, capacity);
        }
        em.createNativeQuery("update customer_order set make_slot = ?2 where id = ?1")
                .setParameter(1, orderId)
                .setParameter(2, quarter.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    /** Gives back the place an order holds, at most once: the order forgets its quarter in the same statement. */
    void release(long orderId) {
        em.createNativeQuery("with freed as (update customer_order c set make_slot = null from customer_order held "
                        + "where c.id = ?1 and held.id = c.id and c.make_slot is not null returning c.store_id, "
                        + "held.make_slot) update make_slot m set taken = m.taken - 1 from freed where m.store_id = "
                        + "freed.store_id and m.slot_start = freed.make_slot and m.taken > 0")
                .setParameter(1, orderId)
                .executeUpdate();
    }

    /** The full quarters among the next {@code quarters} from now, for the storefront to grey out. */
    List<OffsetDateTime> fullAhead(long storeId, int capacity, int quarters) {
        Instant from = quarterOf(Instant.now());
        List<OffsetDateTime> full = new ArrayList<>();
        taken(storeId, from, from.plus(QUARTER.multipliedBy(quarters))).forEach((quarter, taken) -> {
            if (taken >= capacity) {
                full.add(quarter.atOffset(ZoneOffset.UTC));
            }
        });
        full.sort(null);
        return full;
    }

    private Map<Instant, Integer> taken(long storeId, Instant from, Instant until) {
        Map<Instant, Integer> taken = new HashMap<>();
        Rows.list(
                        em,
                        "select slot_start, taken from make_slot where store_id = ?1 and slot_start >= ?2 and "
                                + "slot_start < ?3",
                        storeId,
                        from.atOffset(ZoneOffset.UTC),
                        until.atOffset(ZoneOffset.UTC))
                .forEach(r -> taken.put(Rows.offset(r[0]).toInstant(), ((Number) r[1]).intValue()));
        return taken;
    }

    /**
     * 409 slot-full naming the quarter in the store's clock, with the next quarters that have room and that the store's
     * pickup terms accept (its hours, the days ahead it takes orders for).
     */
    private ProblemException full(long storeId, Instant quarter, int capacity) {
        Instant after = quarter.plus(QUARTER);
        Map<Instant, Integer> taken = taken(storeId, after, after.plus(QUARTER.multipliedBy(LOOK_AHEAD)));
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < LOOK_AHEAD && alternatives.size() < ALTERNATIVES; i++) {
            Instant next = after.plus(QUARTER.multipliedBy(i));
            if (taken.getOrDefault(next, 0) < capacity && terms.acceptsPickupAt(storeId, next)) {
                alternatives.add(next.toString());
            }
        }
        ZoneId zone = stores.timeZone(storeId);
        String span = CLOCK.format(quarter.atZone(zone)) + "–" + CLOCK.format(after.atZone(zone));
        return ProblemException.conflict(
                        "slot-full",
                        "the store takes no more orders for " + span
                                + (alternatives.isEmpty()
                                        ? "; choose a later time"
                                        : "; the next times with room are listed in alternatives"))
                .with("alternatives", alternatives);
    }
}
