package io.mendian.booking.app;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.booking.api.BookingPolicy;
import io.mendian.booking.api.BookingPolicy.LateCancellation;
import io.mendian.web.ProblemException;

/** The brand's booking policy: the defaults until HQ saves its own. */
@ApplicationScoped
@Transactional
public class BookingPolicies {

    private final EntityManager em;
    private final BookingAudit audit;

    public BookingPolicies(EntityManager em, BookingAudit audit) {
        this.em = em;
        this.audit = audit;
    }

    public BookingPolicy current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select slot_minutes, hold_minutes, cancel_cutoff_minutes, "
                        + "late_cancellation, late_cancel_fee_fen, horizon_days, check_in_early_minutes, "
                        + "no_show_after_minutes, reminder_minutes from booking_policy where id = 1")
                .getResultList();
        if (rows.isEmpty()) {
            return BookingPolicy.defaults();
        }
        Object[] r = rows.get(0);
        return new BookingPolicy(
                ((Number) r[0]).intValue(),
                ((Number) r[1]).intValue(),
                ((Number) r[2]).intValue(),
                LateCancellation.valueOf((String) r[3]),
                ((Number) r[4]).longValue(),
                ((Number) r[5]).intValue(),
                ((Number) r[6]).intValue(),
                ((Number) r[7]).intValue(),
                ((Number) r[8]).intValue());
    }

    public BookingPolicy save(BookingPolicy p, String actor) {
        if (p.slotMinutes() % 5 != 0) {
            throw ProblemException.unprocessable(
                    "invalid-slot-minutes", "slotMinutes is a multiple of 5, got " + p.slotMinutes());
        }
        if (p.lateCancellation() == LateCancellation.REFUSED && p.lateCancelFeeFen() != 0) {
            throw ProblemException.unprocessable(
                    "fee-without-late-cancellation",
                    "a late-cancellation fee needs lateCancellation FEE; with REFUSED late cancelling is not allowed");
        }
        em.createNativeQuery("insert into booking_policy (id, slot_minutes, hold_minutes, cancel_cutoff_minutes, "
                        + "late_cancellation, late_cancel_fee_fen, horizon_days, check_in_early_minutes, "
                        + "no_show_after_minutes, reminder_minutes, updated_at, updated_by) "
                        + "values (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) on conflict (id) do update set "
                        + "slot_minutes = excluded.slot_minutes, hold_minutes = excluded.hold_minutes, "
                        + "cancel_cutoff_minutes = excluded.cancel_cutoff_minutes, "
                        + "late_cancellation = excluded.late_cancellation, "
                        + "late_cancel_fee_fen = excluded.late_cancel_fee_fen, horizon_days = excluded.horizon_days, "
                        + "check_in_early_minutes = excluded.check_in_early_minutes, "
                        + "no_show_after_minutes = excluded.no_show_after_minutes, "
                        + "reminder_minutes = excluded.reminder_minutes, updated_at = excluded.updated_at, "
                        + "updated_by = excluded.updated_by")
                .setParameter(1, p.slotMinutes())
                .setParameter(2, p.holdMinutes())
                .setParameter(3, p.cancelCutoffMinutes())
                .setParameter(4, p.lateCancellation().name())
                .setParameter(5, p.lateCancelFeeFen())
                .setParameter(6, p.horizonDays())
                .setParameter(7, p.checkInEarlyMinutes())
                .setParameter(8, p.noShowAfterMinutes())
                .setParameter(9, p.reminderMinutes())
                .setParameter(10, OffsetDateTime.now())
                .setParameter(11, actor)
                .executeUpdate();
        audit.record(actor, "POLICY_SAVED", p.toString());
        return current();
    }
}
