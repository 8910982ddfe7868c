package io.mendian.promotion.mall;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.membership.MembershipApi;
import io.mendian.promotion.app.Audit;
import io.mendian.promotion.app.Wallets;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * The points mall (C7): HQ lists coupons at a price in points; a member redeems one, which in one transaction takes
 * the item's row lock (its stock and the member's limit are counted under it), debits the points through the ledger
 * and issues the coupon within its template's budget. Any refusal rolls all of it back: no points without a coupon.
 */
@ApplicationScoped
public class PointsMall {

    private static final String COLUMNS = "select i.id, i.name, i.description, i.template_id, t.name, t.type, t.value, "
            + "t.threshold_fen, i.points, i.stock, i.redeemed, i.per_member_limit, i.sort, i.status, i.created_by, "
            + "i.created_at";

    private final EntityManager em;
    private final Wallets wallets;
    private final MembershipApi members;
    private final Audit audit;

    public PointsMall(EntityManager em, Wallets wallets, MembershipApi members, Audit audit) {
        this.em = em;
        this.wallets = wallets;
        this.members = members;
        this.audit = audit;
    }

    @Transactional
    public MallItemView create(MallItemRequest r, String actor) {
        @SuppressWarnings("unchecked")
        List<Object[]> template = em.createNativeQuery("select issuer, status from coupon_template where id = ?1")
                .setParameter(1, r.templateId())
                .getResultList();
        if (template.isEmpty() || !"HQ".equals(template.getFirst()[0])) {
            throw ProblemException.unprocessable(
                    "unknown-coupon", "coupon " + r.templateId() + " is not one of HQ's coupon templates");
        }
        if (!"ACTIVE".equals(template.getFirst()[1])) {
            throw ProblemException.unprocessable(
                    "coupon-not-active", "coupon " + r.templateId() + " is " + template.getFirst()[1]);
        }
        long id = ((Number)
                        em.createNativeQuery("insert into mall_item (name, description, template_id, points, stock, "
                                        + "per_member_limit, sort, status, created_by, created_at) values (?1, ?2, ?3, ?4, ?5, "
                                        + "?6, ?7, 'ACTIVE', ?8, now()) returning id")
                                .setParameter(1, r.name().strip())
                                .setParameter(2, r.description())
                                .setParameter(3, r.templateId())
                                .setParameter(4, r.points())
                                .setParameter(5, r.stock())
                                .setParameter(6, r.perMemberLimit())
                                .setParameter(7, r.sort() == null ? 0 : r.sort())
                                .setParameter(8, actor)
                                .getSingleResult())
                .longValue();
        audit.record(actor, "MALL_ITEM_CREATED", r.templateId(), "mall item " + id + ": " + r.name());
        return get(id);
    }

    /** HQ's list, newest first. */
    @Transactional
    public Page<MallItemView> list(PageRequest page) {
        long total =
                ((Number) em.createNativeQuery("select count(*) from mall_item").getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + ", null from mall_item i join coupon_template t on t.id = "
                        + "i.template_id order by i.id desc limit ?1 offset ?2")
                .setParameter(1, page.size())
                .setParameter(2, page.offset())
                .getResultList();
        return new Page<>(rows.stream().map(PointsMall::view).toList(), page.page(), page.size(), total);
    }

    /** What a member can redeem now, in HQ's order, with how many each has redeemed (at most 100 items). */
    @Transactional
    public List<MallItemView> shelf(Long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        COLUMNS + ", (select count(*) from mall_redemption r where r.item_id "
                                + "= i.id and r.member_id = ?1) from mall_item i join coupon_template t on t.id = i.template_id "
                                + "where i.status = 'ACTIVE' and t.status = 'ACTIVE' and t.valid_until > now() order by i.sort, "
                                + "i.id limit 100")
                .setParameter(1, memberId == null ? 0L : memberId)
                .getResultList();
        return rows.stream().map(PointsMall::view).toList();
    }

    @Transactional
    public MallItemView end(long id, String actor) {
        int ended = em.createNativeQuery("update mall_item set status = 'ENDED', ended_by = ?2, ended_at = now() where "
                        + "id = ?1 and status = 'ACTIVE'")
                .setParameter(1, id)
                .setParameter(2, actor)
                .executeUpdate();
        MallItemView view = get(id);
        if (ended == 0) {
            throw ProblemException.conflict("already-ended", "mall item " + id + " has already ended");
        }
        audit.record(actor, "MALL_ITEM_ENDED", view.templateId(), "mall item " + id);
        return view;
    }

    /**
     * The member redeems one item: 404 unknown or ended; 409 mall-sold-out, mall-limit, insufficient-points (from the
     * ledger), coupons-gone or claim-limit (from the coupon's template). Nothing is taken unless all of it succeeds.
     */
    @Transactional
    public RedemptionView redeem(long memberId, long itemId) {
        @SuppressWarnings("unchecked")
        List<Object[]> locked = em.createNativeQuery(
                        "select name, template_id, points, stock, redeemed, per_member_limit "
                                + "from mall_item where id = ?1 and status = 'ACTIVE' for update")
                .setParameter(1, itemId)
                .getResultList();
        if (locked.isEmpty()) {
            throw ProblemException.notFound("mall item " + itemId);
        }
        Object[] item = locked.getFirst();
        String name = (String) item[0];
        long points = ((Number) item[2]).longValue();
        int limit = ((Number) item[5]).intValue();
        if (item[3] != null && ((Number) item[4]).intValue() >= ((Number) item[3]).intValue()) {
            throw ProblemException.conflict("mall-sold-out", "「" + name + "」 has all been redeemed");
        }
        long mine = ((Number) em.createNativeQuery(
                                "select count(*) from mall_redemption where item_id = ?1 and member_id = ?2")
                        .setParameter(1, itemId)
                        .setParameter(2, memberId)
                        .getSingleResult())
                .longValue();
        if (mine >= limit) {
            throw ProblemException.conflict(
                    "mall-limit", "you have already redeemed 「" + name + "」 " + limit + " time(s), the most allowed");
        }
        long coupon = wallets.grant(((Number) item[1]).longValue(), memberId, "MALL");
        long id = ((Number) em.createNativeQuery("insert into mall_redemption (item_id, member_id, points, "
                                + "member_coupon_id, created_at) values (?1, ?2, ?3, ?4, now()) returning id")
                        .setParameter(1, itemId)
                        .setParameter(2, memberId)
                        .setParameter(3, points)
                        .setParameter(4, coupon)
                        .getSingleResult())
                .longValue();
        members.redeemPoints(memberId, points, "mall:" + id, "points mall: " + name);
        em.createNativeQuery("update mall_item set redeemed = redeemed + 1 where id = ?1")
                .setParameter(1, itemId)
                .executeUpdate();
        return history(memberId, 1).getFirst();
    }

    /** The member's redemptions, newest first. */
    @Transactional
    public List<RedemptionView> history(long memberId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select r.id, r.item_id, i.name, r.points, r.member_coupon_id, "
                        + "r.created_at from mall_redemption r join mall_item i on i.id = r.item_id where r.member_id = "
                        + "?1 order by r.id desc limit ?2")
                .setParameter(1, memberId)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream()
                .map(r -> new RedemptionView(
                        ((Number) r[0]).longValue(),
                        ((Number) r[1]).longValue(),
                        (String) r[2],
                        ((Number) r[3]).longValue(),
                        ((Number) r[4]).longValue(),
                        Rows.offset(r[5]).toInstant()))
                .toList();
    }

    private MallItemView get(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + ", null from mall_item i join coupon_template t on t.id = "
                        + "i.template_id where i.id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("mall item " + id);
        }
        return view(rows.getFirst());
    }

    private static MallItemView view(Object[] r) {
        return new MallItemView(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                ((Number) r[3]).longValue(),
                (String) r[4],
                (String) r[5],
                ((Number) r[6]).longValue(),
                ((Number) r[7]).longValue(),
                ((Number) r[8]).longValue(),
                r[9] == null ? null : ((Number) r[9]).intValue(),
                ((Number) r[10]).intValue(),
                ((Number) r[11]).intValue(),
                ((Number) r[12]).intValue(),
                (String) r[13],
                r[16] == null ? null : ((Number) r[16]).intValue(),
                (String) r[14],
                Rows.offset(r[15]).toInstant());
    }
}
