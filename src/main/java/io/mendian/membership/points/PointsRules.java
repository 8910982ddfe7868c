package io.mendian.membership.points;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.web.Rows;

/** The brand's points rule (one row; {@link PointsRule#defaults()} until HQ sets one). */
@ApplicationScoped
public class PointsRules {

    private final EntityManager em;

    public PointsRules(EntityManager em) {
        this.em = em;
    }

    public PointsRule current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select earn_per_yuan, redeem_points_per_yuan, max_redeem_percent, "
                        + "expiry_months, updated_by, updated_at from points_rule where id = 1")
                .getResultList();
        if (rows.isEmpty()) {
            return PointsRule.defaults();
        }
        Object[] r = rows.getFirst();
        return new PointsRule(
                ((Number) r[0]).intValue(),
                ((Number) r[1]).intValue(),
                ((Number) r[2]).intValue(),
                ((Number) r[3]).intValue(),
                (String) r[4],
                Rows.offset(r[5]));
    }

    @Transactional
    public PointsRule update(PointsRule rule, String actor) {
        em.createNativeQuery("insert into points_rule (id, earn_per_yuan, redeem_points_per_yuan, max_redeem_percent, "
                        + "expiry_months, updated_by, updated_at) values (1, ?1, ?2, ?3, ?4, ?5, ?6) on conflict (id) do "
                        + "update set earn_per_yuan = excluded.earn_per_yuan, redeem_points_per_yuan = "
                        + "excluded.redeem_points_per_yuan, max_redeem_percent = excluded.max_redeem_percent, "
                        + "expiry_months = excluded.expiry_months, updated_by = excluded.updated_by, updated_at = "
                        + "excluded.updated_at")
                .setParameter(1, rule.earnPerYuan())
                .setParameter(2, rule.redeemPointsPerYuan())
                .setParameter(3, rule.maxRedeemPercent())
                .setParameter(4, rule.expiryMonths())
                .setParameter(5, actor)
                .setParameter(6, OffsetDateTime.now())
                .executeUpdate();
        return current();
    }

    /** When points credited now expire under the current rule. */
    public OffsetDateTime expiryFromNow() {
        return OffsetDateTime.now().plusMonths(current().expiryMonths());
    }
}
