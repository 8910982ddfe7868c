package io.mendian.membership.levels;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.web.ProblemException;

/** A member's level as they and the checkout see it, and their birthday (set once). */
@ApplicationScoped
public class MemberLevels {

    /** What a member's level gives at checkout; no level gives nothing. */
    public record Benefits(String levelName, int discountPercent, boolean freeDelivery) {
        public static final Benefits NONE = new Benefits(null, 0, false);
    }

    /** A member whose birthday is today and whose level gives a birthday coupon. */
    public record BirthdayGift(long memberId, long templateId) {}

    private final EntityManager em;
    private final Levels levels;

    public MemberLevels(EntityManager em, Levels levels) {
        this.em = em;
        this.levels = levels;
    }

    @Transactional
    public MyLevelView of(long memberId) {
        Object[] m = (Object[]) em.createNativeQuery("select growth, birthday from member where id = ?1")
                .setParameter(1, memberId)
                .getSingleResult();
        long growth = ((Number) m[0]).longValue();
        return new MyLevelView(
                growth,
                levels.at(growth).orElse(null),
                levels.above(growth).orElse(null),
                m[1] == null ? null : m[1].toString());
    }

    public Benefits benefits(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select l.name, l.discount_percent, l.free_delivery from member m join "
                                + "member_level l on l.min_growth <= m.growth where m.id = ?1 order by l.min_growth desc limit 1")
                .setParameter(1, memberId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Benefits((String) r[0], ((Number) r[1]).intValue(), (Boolean) r[2]))
                .orElse(Benefits.NONE);
    }

    /** The member sets their birthday (MM-DD) once: 409 birthday-set afterwards, so a coupon cannot be farmed. */
    @Transactional
    public MyLevelView setBirthday(long memberId, String birthday) {
        int set = em.createNativeQuery("update member set birthday = ?2 where id = ?1 and birthday is null")
                .setParameter(1, memberId)
                .setParameter(2, birthday)
                .executeUpdate();
        if (set == 0) {
            throw ProblemException.conflict(
                    "birthday-set", "your birthday is already set; ask the store to correct it if it is wrong");
        }
        return of(memberId);
    }

    /**
     * Members born on this day (MM-DD) after {@code afterId}, whose level now gives a birthday coupon, in id order (a
     * page of the birthday job).
     */
    @Transactional
    public List<BirthdayGift> birthdays(String monthDay, long afterId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select m.id, (select l.birthday_template_id from member_level l where "
                                + "l.min_growth <= m.growth order by l.min_growth desc limit 1) from member m where m.birthday = "
                                + "?1 and m.status = 'ACTIVE' and m.id > ?2 order by m.id limit ?3")
                .setParameter(1, monthDay)
                .setParameter(2, afterId)
                .setParameter(3, limit)
                .getResultList();
        return rows.stream()
                .map(r -> new BirthdayGift(((Number) r[0]).longValue(), r[1] == null ? 0 : ((Number) r[1]).longValue()))
                .toList();
    }
}
