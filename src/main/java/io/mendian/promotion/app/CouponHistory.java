package io.mendian.promotion.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.membership.MemberHistory;

/** A member holding or having used a coupon has history here. */
@ApplicationScoped
public class CouponHistory implements MemberHistory {

    private final EntityManager em;

    public CouponHistory(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean hasHistory(long memberId) {
        return !em.createNativeQuery("select 1 from member_coupon where member_id = ?1 limit 1")
                .setParameter(1, memberId)
                .getResultList()
                .isEmpty();
    }
}
