package io.mendian.ordering.ahead;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.ordering.ahead.api.OrderAheadSetting;

/**
 * How long orders wait. A store's preparation time is the median, over its last 20 orders made in the past week, of
 * accepted-to-ready; until it has 3 the brand's setting stands in. An order waits for the open orders due before it
 * (by pickup time, then queue number), made {@code lanes} at a time: its n-th place is ready after ⌈n / lanes⌉
 * preparation times, and never before the pickup time it asked for.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Waits {

    /**
     * Paid and not yet ready: what the store still has to make. A group-buy order whose team has not formed is not the
     * store's work yet (it may still be refunded), so it neither waits in the queue nor makes others wait.
     */
    static final String OPEN = "(status in ('PAID', 'ACCEPTED', 'PREPARING') and not awaiting_group)";

    private static final int SAMPLES = 20;
    private static final int ENOUGH = 3;

    private final EntityManager em;

    public Waits(EntityManager em) {
        this.em = em;
    }

    /** The store's preparation time for one order, in seconds. */
    public int prepSeconds(long storeId, OrderAheadSetting setting) {
        Object[] r = (Object[]) em.createNativeQuery("select count(*), percentile_cont(0.5) within group (order by "
                        + "prep_seconds) from (select prep_seconds from customer_order where store_id = ?1 and "
                        + "prep_seconds is not null and ready_at > now() - interval '7 days' order by ready_at desc "
                        + "limit " + SAMPLES + ") recent")
                .setParameter(1, storeId)
                .getSingleResult();
        if (((Number) r[0]).longValue() < ENOUGH || r[1] == null) {
            return setting.prepMinutes() * 60;
        }
        return Math.max(30, (int) Math.round(((Number) r[1]).doubleValue()));
    }

    /** Open orders with a queue number that are due now: what a new "as soon as possible" order waits behind. */
    public long dueNow(long storeId) {
        return ((Number)
                        em.createNativeQuery("select count(*) from customer_order where store_id = ?1 and queue_seq is "
                                        + "not null and " + OPEN + " and pickup_at <= now()")
                                .setParameter(1, storeId)
                                .getSingleResult())
                .longValue();
    }

    /** Orders of the store to be made before this one (due earlier, or at the same time with a lower number). */
    public long ahead(long storeId, Instant pickupAt, int queueSeq, java.time.LocalDate day) {
        return ((Number)
                        em.createNativeQuery("select count(*) from customer_order where store_id = ?1 and queue_seq is "
                                        + "not null and " + OPEN
                                        + " and (pickup_at < ?2 or (pickup_at = ?2 and queue_day = ?4 "
                                        + "and queue_seq < ?3))")
                                .setParameter(1, storeId)
                                .setParameter(2, pickupAt.atOffset(ZoneOffset.UTC))
                                .setParameter(3, queueSeq)
                                .setParameter(4, day)
                                .getSingleResult())
                .longValue();
    }

    /** When the order in this place (0: next) should be ready, not before the time it asked for. */
    public static OffsetDateTime readyBy(long place, int prepSeconds, int lanes, Instant pickupAt, boolean asap) {
        Instant now = Instant.now();
        long rounds = place / lanes + 1;
        Instant made = now.plusSeconds(rounds * prepSeconds);
        Instant earliest = asap ? made : pickupAt.isAfter(made) ? pickupAt : made;
        return earliest.atOffset(ZoneOffset.UTC);
    }

    /** Minutes a new order would wait behind {@code ahead} orders, rounded up. */
    public static int waitMinutes(long ahead, int prepSeconds, int lanes) {
        long seconds = (ahead / lanes + 1) * prepSeconds;
        return (int) Math.min(24 * 60, (seconds + 59) / 60);
    }
}
