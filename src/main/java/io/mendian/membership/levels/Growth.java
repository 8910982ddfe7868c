package io.mendian.membership.levels;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.web.Rows;

/**
 * A member's growth value and its ledger: every change is a ledger row (unique by kind and reference, so an event
 * handled twice changes nothing), written with the new sum on {@code member.growth} under the member's row lock.
 * Growth never goes below zero: a reversal takes back at most what is there.
 */
@ApplicationScoped
public class Growth {

    private final EntityManager em;

    public Growth(EntityManager em) {
        this.em = em;
    }

    /** Adds (or with a negative delta, takes back) growth once per kind and reference; answers the growth after. */
    @Transactional
    public long change(long memberId, long delta, String kind, String reference, String note, String actor) {
        @SuppressWarnings("unchecked")
        List<Number> locked = em.createNativeQuery("select growth from member where id = ?1 for update")
                .setParameter(1, memberId)
                .getResultList();
        if (locked.isEmpty()) {
            throw new IllegalStateException("no member " + memberId);
        }
        long before = locked.getFirst().longValue();
        long after = Math.max(0, Math.addExact(before, delta));
        @SuppressWarnings("unchecked")
        List<Number> written = em.createNativeQuery(
                        "insert into growth_ledger (member_id, delta, kind, reference, note, "
                                + "actor, growth_after, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, now()) on conflict "
                                + "(kind, reference) do nothing returning id")
                .setParameter(1, memberId)
                .setParameter(2, after - before)
                .setParameter(3, kind)
                .setParameter(4, reference)
                .setParameter(5, note)
                .setParameter(6, actor)
                .setParameter(7, after)
                .getResultList();
        if (written.isEmpty()) {
            return before;
        }
        em.createNativeQuery("update member set growth = ?2 where id = ?1")
                .setParameter(1, memberId)
                .setParameter(2, after)
                .executeUpdate();
        return after;
    }

    /** What an order earned (EARN under this reference) and what was taken back for it so far. */
    long[] earned(long memberId, String reference) {
        Object[] r = (Object[]) em.createNativeQuery("select coalesce(sum(delta) filter (where kind = 'EARN' and "
                        + "reference = ?1), 0), coalesce(-sum(delta) filter (where kind = 'REVERSE' and reference like "
                        + "?2), 0) from growth_ledger where member_id = ?3")
                .setParameter(1, reference)
                .setParameter(2, reference + ":refund:%")
                .setParameter(3, memberId)
                .getSingleResult();
        return new long[] {((Number) r[0]).longValue(), ((Number) r[1]).longValue()};
    }

    /** The member's latest growth changes, newest first. */
    @Transactional
    public List<GrowthEntry> history(long memberId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select delta, kind, reference, note, growth_after, created_at from "
                        + "growth_ledger where member_id = ?1 order by id desc limit ?2")
                .setParameter(1, memberId)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream()
                .map(r -> new GrowthEntry(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        ((Number) r[4]).longValue(),
                        Rows.offset(r[5])))
                .toList();
    }
}
