package io.mendian.promotion.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.membership.MembershipApi;
import io.mendian.promotion.api.ClaimableCouponView;
import io.mendian.promotion.api.CouponView;
import io.mendian.promotion.api.DistributionRequest;
import io.mendian.promotion.api.DistributionView;
import io.mendian.promotion.api.WalletCouponView;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * Members' coupons: claiming, HQ's distribution to a segment, and the wallet. Issuing locks the template row, so the
 * budget and each member's limit hold however many claims race (the template's {@code issued} counter is checked by
 * the database too).
 */
@ApplicationScoped
public class Wallets {

    private static final int BATCH = 500;

    private final EntityManager em;
    private final CouponTemplates templates;
    private final MembershipApi members;
    private final Audit audit;

    public Wallets(EntityManager em, CouponTemplates templates, MembershipApi members, Audit audit) {
        this.em = em;
        this.templates = templates;
        this.members = members;
        this.audit = audit;
    }

    /** Coupons the member may claim now, honoured at the store when one is named. */
    public List<ClaimableCouponView> claimable(long memberId, Long storeId) {
        List<Object> params = new ArrayList<>();
        params.add(memberId);
        String where = storeId == null ? "" : " and " + templates.honouredAt(storeId, params);
        var query = em.createNativeQuery("select t.id, t.name, t.description, t.issuer, t.threshold_fen, t.type, "
                + "t.value, t.cap_fen, t.exclusive, t.valid_until, t.days_after_claim, t.per_member_limit, "
                + "(select count(*) from member_coupon m where m.template_id = t.id and m.member_id = ?1), "
                + "t.budget - t.issued from coupon_template t where t.status = 'ACTIVE' and t.claimable and "
                + "t.valid_from <= now() and t.valid_until > now()" + where + " order by t.issuer, t.id limit 100");
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(r -> new ClaimableCouponView(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        ((Number) r[4]).longValue(),
                        (String) r[5],
                        ((Number) r[6]).longValue(),
                        r[7] == null ? null : ((Number) r[7]).longValue(),
                        (Boolean) r[8],
                        Rows.offset(r[9]),
                        r[10] == null ? null : ((Number) r[10]).intValue(),
                        ((Number) r[11]).intValue(),
                        ((Number) r[12]).intValue(),
                        ((Number) r[13]).intValue()))
                .toList();
    }

    /** The member claims one coupon of a template: refused when ended, not claimable, out of budget or at the limit. */
    @Transactional
    public WalletCouponView claim(long memberId, long templateId) {
        CouponView template = templates.locked(templateId);
        if (!"ACTIVE".equals(template.status()) || !template.claimable()) {
            throw ProblemException.notFound("coupon " + templateId);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (now.isBefore(template.validFrom()) || !now.isBefore(template.validUntil())) {
            throw ProblemException.conflict(
                    "not-claimable-now",
                    "this coupon can be claimed from " + template.validFrom() + " until " + template.validUntil());
        }
        Issue issued = issue(template, memberId, "CLAIMED", now);
        if (issued == Issue.BUDGET) {
            throw ProblemException.conflict("coupons-gone", "all of these coupons have been claimed");
        }
        if (issued == Issue.LIMIT) {
            throw ProblemException.conflict(
                            "claim-limit", "you already hold " + template.perMemberLimit() + " of this coupon")
                    .with("perMemberLimit", template.perMemberLimit());
        }
        return newest(memberId);
    }

    /**
     * Issues one coupon of an active template to the member for something they gave (the points mall), in the caller's
     * transaction; the template need not be claimable. 409 coupons-gone or claim-limit; answers the wallet coupon's id.
     */
    public long grant(long templateId, long memberId, String source) {
        return grant(templateId, memberId, source, false);
    }

    /**
     * The same; with {@code yearly} the template's per-member limit does not apply (a birthday coupon is given once a
     * year by its own ledger, not once ever).
     */
    public long grant(long templateId, long memberId, String source, boolean yearly) {
        CouponView template = templates.locked(templateId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (!"ACTIVE".equals(template.status()) || !now.isBefore(template.validUntil())) {
            throw ProblemException.conflict("coupon-ended", "coupon " + templateId + " is no longer issued");
        }
        Issue issued = issue(template, memberId, source, now, yearly);
        if (issued == Issue.BUDGET) {
            throw ProblemException.conflict("coupons-gone", "all of these coupons have been given out");
        }
        if (issued == Issue.LIMIT) {
            throw ProblemException.conflict(
                            "claim-limit", "you already hold " + template.perMemberLimit() + " of this coupon")
                    .with("perMemberLimit", template.perMemberLimit());
        }
        return ((Number) em.createNativeQuery(
                                "select max(id) from member_coupon where template_id = ?1 and member_id = ?2")
                        .setParameter(1, templateId)
                        .setParameter(2, memberId)
                        .getSingleResult())
                .longValue();
    }

    /** HQ gives one coupon to each member of a segment, within the budget and each member's limit. */
    @Transactional
    public DistributionView distribute(long templateId, DistributionRequest request, String actor) {
        CouponView template = templates.locked(templateId);
        if (!"ACTIVE".equals(template.status())) {
            throw ProblemException.conflict("not-active", "coupon " + templateId + " is " + template.status());
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (!now.isBefore(template.validUntil())) {
            throw ProblemException.conflict(
                    "coupon-expired", "coupon " + templateId + " ended " + template.validUntil());
        }
        int given = 0;
        int atLimit = 0;
        boolean exhausted = false;
        if ("MEMBERS".equals(request.segment())) {
            List<Long> ids = request.memberIds() == null ? List.of() : request.memberIds();
            if (ids.isEmpty()) {
                throw ProblemException.unprocessable("members-required", "list the members to give the coupon to");
            }
            var active = members.activeAmong(ids);
            List<Long> unknown = ids.stream().filter(id -> !active.contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.unprocessable("unknown-members", "no such active members: " + unknown);
            }
        }
        long after = 0;
        outer:
        while (true) {
            List<Long> batch = "MEMBERS".equals(request.segment())
                    ? (after == 0 ? request.memberIds().stream().distinct().toList() : List.of())
                    : members.activeMembersAfter(after, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (long member : batch) {
                Issue issued = issue(template, member, "DISTRIBUTED", now);
                if (issued == Issue.BUDGET) {
                    exhausted = true;
                    break outer;
                }
                if (issued == Issue.LIMIT) {
                    atLimit++;
                } else {
                    given++;
                }
            }
            after = "MEMBERS".equals(request.segment()) ? 1 : batch.getLast();
        }
        audit.record(
                actor,
                "COUPON_DISTRIBUTED",
                templateId,
                request.segment() + ": " + given + " issued, " + atLimit + " at limit"
                        + (exhausted ? ", budget exhausted" : ""));
        return new DistributionView(templateId, given, atLimit, exhausted);
    }

    private enum Issue {
        OK,
        LIMIT,
        BUDGET
    }

    /** Issues one coupon; the caller holds the template's row lock, so the counts read here stay true. */
    private Issue issue(CouponView template, long memberId, String source, OffsetDateTime now) {
        return issue(template, memberId, source, now, false);
    }

    private Issue issue(CouponView template, long memberId, String source, OffsetDateTime now, boolean unlimited) {
        long held = ((Number) em.createNativeQuery(
                                "select count(*) from member_coupon where template_id = ?1 and member_id = ?2")
                        .setParameter(1, template.id())
                        .setParameter(2, memberId)
                        .getSingleResult())
                .longValue();
        if (!unlimited && held >= template.perMemberLimit()) {
            return Issue.LIMIT;
        }
        int updated = em.createNativeQuery(
                        "update coupon_template set issued = issued + 1 where id = ?1 and issued < budget")
                .setParameter(1, template.id())
                .executeUpdate();
        if (updated == 0) {
            return Issue.BUDGET;
        }
        OffsetDateTime until = template.daysAfterClaim() == null
                ? template.validUntil()
                : min(template.validUntil(), now.plusDays(template.daysAfterClaim()));
        OffsetDateTime from = template.validFrom().isAfter(now) ? template.validFrom() : now;
        em.createNativeQuery("insert into member_coupon (template_id, member_id, status, source, valid_from, "
                        + "valid_until, claimed_at) values (?1, ?2, 'AVAILABLE', ?3, ?4, ?5, ?6)")
                .setParameter(1, template.id())
                .setParameter(2, memberId)
                .setParameter(3, source)
                .setParameter(4, from)
                .setParameter(5, until)
                .setParameter(6, now)
                .executeUpdate();
        return Issue.OK;
    }

    private static OffsetDateTime min(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private WalletCouponView newest(long memberId) {
        return query(memberId, null, 1, 0).getFirst();
    }

    /** The member's coupons, newest first; status AVAILABLE, USED or EXPIRED (unused past its validity). */
    public Page<WalletCouponView> wallet(long memberId, String status, PageRequest page) {
        var count = em.createNativeQuery("select count(*)" + from(status));
        count.setParameter(1, memberId);
        if (status != null) {
            count.setParameter(2, status);
        }
        return new Page<>(
                query(memberId, status, page.size(), page.offset()),
                page.page(),
                page.size(),
                ((Number) count.getSingleResult()).longValue());
    }

    private static final String STATE = "case when m.status = 'USED' then 'USED' when m.valid_until <= now() then "
            + "'EXPIRED' else 'AVAILABLE' end";

    private static String from(String status) {
        return " from member_coupon m join coupon_template t on t.id = m.template_id where m.member_id = ?1"
                + (status == null ? "" : " and " + STATE + " = ?2");
    }

    private List<WalletCouponView> query(long memberId, String status, int limit, int offset) {
        var select = em.createNativeQuery("select m.id, t.id as tid, t.name, t.description, t.issuer, t.store_scope, "
                + "t.threshold_fen, t.type, t.value, t.cap_fen, t.exclusive, " + STATE + ", m.valid_from, "
                + "m.valid_until, m.order_no" + from(status) + " order by m.id desc limit " + limit + " offset "
                + offset);
        select.setParameter(1, memberId);
        if (status != null) {
            select.setParameter(2, status);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        return rows.stream()
                .map(r -> new WalletCouponView(
                        ((Number) r[0]).longValue(),
                        ((Number) r[1]).longValue(),
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        ((Number) r[6]).longValue(),
                        (String) r[7],
                        ((Number) r[8]).longValue(),
                        r[9] == null ? null : ((Number) r[9]).longValue(),
                        (Boolean) r[10],
                        (String) r[11],
                        Rows.offset(r[12]),
                        Rows.offset(r[13]),
                        (String) r[14]))
                .toList();
    }
}
