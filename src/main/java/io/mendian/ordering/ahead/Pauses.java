package io.mendian.ordering.ahead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A store's pause of order ahead at peak: until a time the staff choose, after which it resumes by itself (a pause
 * nobody lifts must not close the store's order ahead for good). An ended pause is no pause; its row stays until the
 * next one replaces it.
 */
@ApplicationScoped
@Transactional
public class Pauses {

    /** A pause in force. */
    public record Pause(OffsetDateTime until, String reason) {}

    private final EntityManager em;
    private final OrderAheadLog log;

    public Pauses(EntityManager em, OrderAheadLog log) {
        this.em = em;
        this.log = log;
    }

    public Optional<Pause> active(long storeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select until, reason from order_ahead_pause where store_id = ?1 and until > now()")
                .setParameter(1, storeId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Pause(((java.time.Instant) r[0]).atOffset(ZoneOffset.UTC), (String) r[1]));
    }

    public Pause pause(long storeId, int minutes, String reason, String actor) {
        OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(minutes);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        em.createNativeQuery(
                        "insert into order_ahead_pause (store_id, until, reason, paused_by, paused_at) values (?1, "
                                + "?2, ?3, ?4, now()) on conflict (store_id) do update set until = excluded.until, "
                                + "reason = excluded.reason, paused_by = excluded.paused_by, paused_at = now()")
                .setParameter(1, storeId)
                .setParameter(2, until)
                .setParameter(3, why)
                .setParameter(4, actor)
                .executeUpdate();
        log.record(storeId, actor, "PAUSE", minutes + " minutes" + (why == null ? "" : ": " + why));
        return new Pause(until, why);
    }

    /** Lifts the pause now; lifting when none is in force changes nothing and logs nothing. */
    public void resume(long storeId, String actor) {
        int lifted = em.createNativeQuery(
                        "update order_ahead_pause set until = now() where store_id = ?1 and until > now()")
                .setParameter(1, storeId)
                .executeUpdate();
        if (lifted > 0) {
            log.record(storeId, actor, "RESUME", null);
        }
    }
}
