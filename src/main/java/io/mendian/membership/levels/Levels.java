package io.mendian.membership.levels;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.mendian.web.ProblemException;

/**
 * The brand's membership levels (H6). A member's level is derived from their growth value each time it is asked
 * (the highest level whose threshold they reached), so changing the levels re-levels everyone at once, and nothing
 * about a member goes stale.
 */
@ApplicationScoped
public class Levels {

    static final int MOST = 20;
    private static final String COLUMNS =
            "select l.id, l.name, l.min_growth, l.discount_percent, l.free_delivery, " + "l.birthday_template_id";

    private final EntityManager em;

    public Levels(EntityManager em) {
        this.em = em;
    }

    /** Lowest first, each with how many members hold it now. */
    @Transactional
    public List<LevelView> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        COLUMNS + ", (select count(*) from member m where m.status = 'ACTIVE' "
                                + "and m.growth >= l.min_growth and m.growth < coalesce((select min(n.min_growth) from "
                                + "member_level n where n.min_growth > l.min_growth), 9223372036854775807)) from member_level l "
                                + "order by l.min_growth")
                .getResultList();
        return rows.stream().map(Levels::view).toList();
    }

    @Transactional
    public LevelView create(LevelRequest r) {
        long count = ((Number) em.createNativeQuery("select count(*) from member_level")
                        .getSingleResult())
                .longValue();
        if (count >= MOST) {
            throw ProblemException.unprocessable("too-many-levels", "a brand has at most " + MOST + " levels");
        }
        long id = write(
                "insert into member_level (name, min_growth, discount_percent, free_delivery, birthday_template_id, "
                        + "created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, now(), now()) returning id",
                r,
                null);
        return get(id);
    }

    @Transactional
    public LevelView update(long id, LevelRequest r) {
        get(id);
        write(
                "update member_level set name = ?1, min_growth = ?2, discount_percent = ?3, free_delivery = ?4, "
                        + "birthday_template_id = ?5, updated_at = now() where id = ?6 returning id",
                r,
                id);
        return get(id);
    }

    @Transactional
    public void delete(long id) {
        if (em.createNativeQuery("delete from member_level where id = ?1")
                        .setParameter(1, id)
                        .executeUpdate()
                == 0) {
            throw ProblemException.notFound("level " + id);
        }
    }

    @Transactional
    public LevelView get(long id) {
        return list().stream()
                .filter(l -> l.id() == id)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("level " + id));
    }

    /** The levels without member counts (cheap: the storefront shows them to anyone). */
    @Transactional
    public List<LevelView> ladder() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + ", 0 from member_level l order by l.min_growth")
                .getResultList();
        return rows.stream().map(Levels::view).toList();
    }

    /** The level at this growth (the highest threshold reached), if any. */
    public Optional<LevelView> at(long growth) {
        return one("where l.min_growth <= ?1 order by l.min_growth desc", growth);
    }

    /** The next level above this growth, if any. */
    public Optional<LevelView> above(long growth) {
        return one("where l.min_growth > ?1 order by l.min_growth", growth);
    }

    private Optional<LevelView> one(String where, long growth) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + ", 0 from member_level l " + where + " limit 1")
                .setParameter(1, growth)
                .getResultList();
        return rows.stream().findFirst().map(Levels::view);
    }

    private long write(String sql, LevelRequest r, Long id) {
        var query = em.createNativeQuery(sql)
                .setParameter(1, r.name().strip())
                .setParameter(2, r.minGrowth())
                .setParameter(3, r.discountPercent())
                .setParameter(4, Boolean.TRUE.equals(r.freeDelivery()))
                .setParameter(5, r.birthdayTemplateId());
        if (id != null) {
            query.setParameter(6, id);
        }
        // The unique threshold is checked first so that the answer names it, rather than a constraint.
        long clash = ((Number)
                        em.createNativeQuery("select count(*) from member_level where min_growth = ?1 and id <> ?2")
                                .setParameter(1, r.minGrowth())
                                .setParameter(2, id == null ? 0L : id)
                                .getSingleResult())
                .longValue();
        if (clash > 0) {
            throw ProblemException.conflict(
                    "level-threshold-taken", "another level already starts at growth " + r.minGrowth());
        }
        try {
            return ((Number) query.getSingleResult()).longValue();
        } catch (PersistenceException e) {
            throw ProblemException.conflict(
                    "level-threshold-taken", "another level already starts at growth " + r.minGrowth());
        }
    }

    private static LevelView view(Object[] r) {
        return new LevelView(
                ((Number) r[0]).longValue(),
                (String) r[1],
                ((Number) r[2]).longValue(),
                ((Number) r[3]).intValue(),
                (Boolean) r[4],
                r[5] == null ? null : ((Number) r[5]).longValue(),
                ((Number) r[6]).longValue());
    }
}
