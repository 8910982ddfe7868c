package io.mendian.membership.points;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * A member's points, as a ledger. Every change locks the member's account row first, so concurrent earns and spends on
 * one member serialize and none is lost; the account's balance is the ledger's sum kept in the same transaction (the
 * reconciliation test compares them). An entry's (kind, reference) is unique: repeating a change changes nothing.
 * Credits are lots that expire; debits consume the lots that expire first.
 */
@ApplicationScoped
public class PointsLedger {

    private final EntityManager em;

    public PointsLedger(EntityManager em) {
        this.em = em;
    }

    /** A change to apply once. {@code expiresAt} only for credits that are lots. */
    public record Change(
            long memberId,
            long points,
            String kind,
            String reference,
            Long storeId,
            String note,
            String actor,
            OffsetDateTime expiresAt) {}

    /** Adds points as a lot; false when this (kind, reference) was applied before. */
    public boolean credit(Change change) {
        if (change.points() <= 0) {
            throw ProblemException.unprocessable("invalid-points", "a credit adds at least one point");
        }
        long balance = lock(change.memberId());
        if (applied(change)) {
            return false;
        }
        long after = Math.addExact(balance, change.points());
        insert(change, change.points(), after, change.points());
        setBalance(change.memberId(), after);
        return true;
    }

    /**
     * Takes points, oldest-expiring lots first. With {@code clamp} it takes what there is (reversing points already
     * spent); without, too few points is a 409. Returns the points taken (0 when applied before).
     */
    public long debit(Change change, boolean clamp) {
        if (change.points() <= 0) {
            throw ProblemException.unprocessable("invalid-points", "a debit takes at least one point");
        }
        long balance = lock(change.memberId());
        if (applied(change)) {
            return 0;
        }
        long amount = change.points();
        if (amount > balance) {
            if (!clamp) {
                throw ProblemException.conflict("insufficient-points", "only " + balance + " points are available")
                        .with("available", balance);
            }
            amount = balance;
        }
        if (amount == 0) {
            return 0;
        }
        consumeLots(change.memberId(), amount);
        long after = balance - amount;
        insert(change, -amount, after, null);
        setBalance(change.memberId(), after);
        return amount;
    }

    public long balance(long memberId) {
        @SuppressWarnings("unchecked")
        List<Number> found = em.createNativeQuery("select balance from points_account where member_id = ?1")
                .setParameter(1, memberId)
                .getResultList();
        return found.isEmpty() ? 0 : found.getFirst().longValue();
    }

    /** Points of lots expiring within {@code days}, and the earliest expiry; for the member centre. */
    public Object[] expiring(long memberId, int days) {
        return (Object[]) em.createNativeQuery("select coalesce(sum(remaining), 0), min(expires_at) from points_ledger "
                        + "where member_id = ?1 and remaining > 0 and expires_at <= now() + make_interval(days => ?2)")
                .setParameter(1, memberId)
                .setParameter(2, days)
                .getSingleResult();
    }

    public Page<PointsEntry> history(long memberId, PageRequest page) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, delta, kind, reference, store_id, note, balance_after, "
                        + "expires_at, created_at from points_ledger where member_id = ?1 order by id desc limit ?2 "
                        + "offset ?3")
                .setParameter(1, memberId)
                .setParameter(2, page.size())
                .setParameter(3, page.offset())
                .getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from points_ledger where member_id = ?1")
                        .setParameter(1, memberId)
                        .getSingleResult())
                .longValue();
        return new Page<>(
                rows.stream()
                        .map(r -> new PointsEntry(
                                ((Number) r[0]).longValue(),
                                ((Number) r[1]).longValue(),
                                (String) r[2],
                                (String) r[3],
                                r[4] == null ? null : ((Number) r[4]).longValue(),
                                (String) r[5],
                                ((Number) r[6]).longValue(),
                                Rows.offset(r[7]),
                                Rows.offset(r[8])))
                        .toList(),
                page.page(),
                page.size(),
                total);
    }

    /** Expires lots past their date, oldest first; returns how many lots it expired. */
    public int expireDue(int batch) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("select id, member_id from points_ledger where remaining > 0 and "
                        + "expires_at <= now() order by expires_at limit ?1")
                .setParameter(1, batch)
                .getResultList();
        int expired = 0;
        for (Object[] lot : due) {
            long lotId = ((Number) lot[0]).longValue();
            long member = ((Number) lot[1]).longValue();
            long balance = lock(member);
            Number left = (Number) em
                    .createNativeQuery(
                            "select remaining from points_ledger where id = ?1 and expires_at <= now() for update")
                    .setParameter(1, lotId)
                    .getResultList()
                    .stream()
                    .findFirst()
                    .orElse(0L);
            if (left.longValue() <= 0) {
                continue;
            }
            em.createNativeQuery("update points_ledger set remaining = 0 where id = ?1")
                    .setParameter(1, lotId)
                    .executeUpdate();
            long after = balance - left.longValue();
            insert(
                    new Change(member, left.longValue(), "EXPIRE", "lot:" + lotId, null, "expired", "system", null),
                    -left.longValue(),
                    after,
                    null);
            setBalance(member, after);
            expired++;
        }
        return expired;
    }

    private long lock(long memberId) {
        em.createNativeQuery("insert into points_account (member_id, balance, updated_at) values (?1, 0, now()) "
                        + "on conflict (member_id) do nothing")
                .setParameter(1, memberId)
                .executeUpdate();
        return ((Number) em.createNativeQuery("select balance from points_account where member_id = ?1 for update")
                        .setParameter(1, memberId)
                        .getSingleResult())
                .longValue();
    }

    private boolean applied(Change change) {
        return !em.createNativeQuery("select 1 from points_ledger where kind = ?1 and reference = ?2")
                .setParameter(1, change.kind())
                .setParameter(2, change.reference())
                .getResultList()
                .isEmpty();
    }

    /**
     * Takes {@code amount} from the member's lots, soonest-expiring first, a few lots at a time: a member with
     * thousands of small lots (one per order) does not lock them all for a small spend.
     */
    private void consumeLots(long memberId, long amount) {
        long left = amount;
        while (left > 0) {
            @SuppressWarnings("unchecked")
            List<Object[]> lots = em.createNativeQuery("select id, remaining from points_ledger where member_id = ?1 "
                            + "and remaining > 0 order by expires_at, id limit 20 for update")
                    .setParameter(1, memberId)
                    .getResultList();
            if (lots.isEmpty()) {
                // The balance said there was enough; lots and balance disagree, which the ledger must never allow.
                throw new IllegalStateException("member " + memberId + "'s lots hold less than the balance");
            }
            for (Object[] lot : lots) {
                if (left == 0) {
                    break;
                }
                long take = Math.min(left, ((Number) lot[1]).longValue());
                em.createNativeQuery("update points_ledger set remaining = remaining - ?2 where id = ?1")
                        .setParameter(1, ((Number) lot[0]).longValue())
                        .setParameter(2, take)
                        .executeUpdate();
                left -= take;
            }
        }
    }

    private void insert(Change change, long delta, long after, Long remaining) {
        em.createNativeQuery("insert into points_ledger (member_id, delta, kind, reference, store_id, note, actor, "
                        + "balance_after, expires_at, remaining, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                        + "?10, ?11)")
                .setParameter(1, change.memberId())
                .setParameter(2, delta)
                .setParameter(3, change.kind())
                .setParameter(4, change.reference())
                .setParameter(5, change.storeId())
                .setParameter(6, change.note())
                .setParameter(7, change.actor())
                .setParameter(8, after)
                .setParameter(9, remaining == null ? null : change.expiresAt())
                .setParameter(10, remaining)
                .setParameter(11, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    private void setBalance(long memberId, long balance) {
        em.createNativeQuery("update points_account set balance = ?2, updated_at = now() where member_id = ?1")
                .setParameter(1, memberId)
                .setParameter(2, balance)
                .executeUpdate();
    }
}
