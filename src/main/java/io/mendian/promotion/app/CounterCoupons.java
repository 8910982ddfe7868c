package io.mendian.promotion.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.promotion.api.WalletCouponView;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/**
 * Coupons used at the counter (S5, S6): the scanned member's coupons honoured at this store, and redeeming one there
 * (a walk-in sale outside the online checkout) exactly once, audited.
 */
@ApplicationScoped
public class CounterCoupons {

    /** The receipt of a coupon redeemed at the counter. */
    public record Redemption(
            String receiptNo, long couponId, String name, long memberId, long storeId, String by, Instant at) {}

    private final EntityManager em;
    private final Wallets wallets;
    private final CouponTemplates templates;
    private final Audit audit;

    public CounterCoupons(EntityManager em, Wallets wallets, CouponTemplates templates, Audit audit) {
        this.em = em;
        this.wallets = wallets;
        this.templates = templates;
        this.audit = audit;
    }

    /** The member's coupons usable now at this store, newest first. */
    @Transactional
    public List<WalletCouponView> usableAt(long memberId, long storeId) {
        Set<Long> here = usableIds(memberId, storeId);
        return wallets.wallet(memberId, "AVAILABLE", PageRequest.of(0, 100)).items().stream()
                .filter(c -> here.contains(c.id()))
                .toList();
    }

    @Transactional
    public Redemption redeem(long memberId, long couponId, long storeId, String actor) {
        if (!usableIds(memberId, storeId).contains(couponId)) {
            throw ProblemException.conflict(
                    "coupon-not-usable",
                    "coupon " + couponId + " is not this member's, used, expired or not honoured here");
        }
        int redeemed = em.createNativeQuery("update member_coupon set status = 'USED', store_id = ?2, used_at = now() "
                        + "where id = ?1 and status = 'AVAILABLE'")
                .setParameter(1, couponId)
                .setParameter(2, storeId)
                .executeUpdate();
        if (redeemed == 0) {
            throw ProblemException.conflict("coupon-used", "coupon " + couponId + " has just been used");
        }
        String name = (String) em.createNativeQuery("update coupon_template set used = used + 1 where id = (select "
                        + "template_id from member_coupon where id = ?1) returning name")
                .setParameter(1, couponId)
                .getSingleResult();
        audit.record(
                actor,
                "COUPON_REDEEMED_AT_COUNTER",
                null,
                "coupon " + couponId + " of member " + memberId + " at store " + storeId);
        return new Redemption("C" + couponId, couponId, name, memberId, storeId, actor, Instant.now());
    }

    private Set<Long> usableIds(long memberId, long storeId) {
        List<Object> params = new ArrayList<>();
        params.add(memberId);
        String here = templates.honouredAt(storeId, params);
        var query =
                em.createNativeQuery("select m.id from member_coupon m join coupon_template t on t.id = m.template_id "
                        + "where m.member_id = ?1 and m.status = 'AVAILABLE' and m.valid_from <= now() and m.valid_until > now() "
                        + "and " + here);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        Set<Long> ids = new HashSet<>();
        for (Object id : query.getResultList()) {
            ids.add(((Number) id).longValue());
        }
        return ids;
    }
}
