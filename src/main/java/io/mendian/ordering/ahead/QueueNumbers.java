package io.mendian.ordering.ahead;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.store.StoreApi;

/**
 * Queue numbers for paid pickup orders of an order-ahead brand: A001 … A999, B001 …, counted per store and pickup day (the
 * store's own calendar day). The counter row is taken by one upsert in the paid transition, so two payments at the
 * same moment get different numbers, and a unique index on (store, day, sequence) makes a duplicate impossible.
 */
@ApplicationScoped
public class QueueNumbers {

    private static final int PER_LETTER = 999;

    private final EntityManager em;
    private final OrderAheadSettings settings;
    private final StoreApi stores;

    public QueueNumbers(EntityManager em, OrderAheadSettings settings, StoreApi stores) {
        this.em = em;
        this.settings = settings;
        this.stores = stores;
    }

    /** Gives the order its number, when it is a pickup order and the brand takes orders ahead; otherwise nothing. */
    public void issue(long orderId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select store_id, fulfilment_mode, queue_no, pickup_at, reference from customer_order where id = ?1")
                .setParameter(1, orderId)
                .getResultList();
        // A service order (a booking) is not made at the counter: no number.
        if (rows.isEmpty() || !"PICKUP".equals(rows.get(0)[1]) || rows.get(0)[2] != null || rows.get(0)[4] != null) {
            return;
        }
        if (!settings.current().enabled()) {
            return;
        }
        long storeId = ((Number) rows.get(0)[0]).longValue();
        // The day it is picked up, in the store's calendar: tomorrow's orders paid today are numbered among tomorrow's.
        java.time.Instant pickupAt = (java.time.Instant) rows.get(0)[3];
        LocalDate day = LocalDate.ofInstant(pickupAt, stores.timeZone(storeId));
        int seq = ((Number) em.createNativeQuery("insert into queue_counter (store_id, day, seq) values (?1, ?2, 1) "
                                + "on conflict (store_id, day) do update set seq = queue_counter.seq + 1 returning seq")
                        .setParameter(1, storeId)
                        .setParameter(2, day)
                        .getSingleResult())
                .intValue();
        em.createNativeQuery("update customer_order set queue_no = ?2, queue_day = ?3, queue_seq = ?4 where id = ?1")
                .setParameter(1, orderId)
                .setParameter(2, label(seq))
                .setParameter(3, day)
                .setParameter(4, seq)
                .executeUpdate();
    }

    /** What is read aloud: a letter and three digits while the day has fewer than 25,974 orders, then Z and the count. */
    static String label(int seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("queue sequence starts at 1, got " + seq);
        }
        int letter = (seq - 1) / PER_LETTER;
        if (letter >= 26) {
            return "Z" + seq;
        }
        return String.format("%c%03d", (char) ('A' + letter), (seq - 1) % PER_LETTER + 1);
    }
}
