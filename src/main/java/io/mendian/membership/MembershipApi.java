package io.mendian.membership;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.platform.WeChatMessages;

/** What other contexts may ask of members. The session key and other WeChat secrets never leave membership. */
@ApplicationScoped
public class MembershipApi {

    private final EntityManager em;
    private final io.mendian.membership.points.PointsLedger points;
    private final io.mendian.membership.points.PointsRules rules;
    private final io.mendian.membership.card.MemberCodes codes;
    private final io.mendian.membership.levels.MemberLevels levels;
    private final io.mendian.membership.wallet.StoredValue storedValue;
    private final io.mendian.membership.wallet.TopUps topUps;

    public MembershipApi(
            io.mendian.membership.wallet.StoredValue storedValue,
            io.mendian.membership.wallet.TopUps topUps,
            io.mendian.membership.levels.MemberLevels levels,
            EntityManager em,
            io.mendian.membership.points.PointsLedger points,
            io.mendian.membership.points.PointsRules rules,
            io.mendian.membership.card.MemberCodes codes) {
        this.codes = codes;
        this.levels = levels;
        this.storedValue = storedValue;
        this.topUps = topUps;
        this.em = em;
        this.points = points;
        this.rules = rules;
    }

    /** The member's stored-value balance in fen (paid in and gift together). */
    public long storedValueBalance(long memberId) {
        return storedValue.balance(memberId).totalFen();
    }

    /** Spends stored value on an order, in the caller's transaction (409 insufficient-balance); once per order. */
    public void spendStoredValue(long memberId, long amountFen, String orderNo, long storeId) {
        storedValue.spend(memberId, amountFen, orderNo, storeId);
    }

    /** Gives back stored value an order spent (it ended, or units were refunded); once per reference. */
    public void returnStoredValue(long memberId, long amountFen, String orderNo, String reference, long storeId) {
        storedValue.giveBack(memberId, amountFen, orderNo, reference, storeId);
    }

    /** Whether a payable number is a top-up's (the payment context pays top-ups and orders alike). */
    public static boolean isTopUp(String number) {
        return number.startsWith("T");
    }

    /** A top-up as a payment needs it. */
    public record TopUpPayable(
            String topupNo, long payFen, String status, java.time.OffsetDateTime payBy, String description) {}

    /** The member's top-up as a payment sees it; 404 when it is not theirs. */
    public TopUpPayable topUpPayable(long memberId, String topupNo) {
        var p = topUps.payable(memberId, topupNo);
        return new TopUpPayable(p.topupNo(), p.payFen(), p.status(), p.payBy(), p.description());
    }

    /** WeChat Pay confirmed a top-up, in the caller's transaction: its balance is credited once. */
    public boolean topUpPaid(String topupNo, String actor) {
        return topUps.paid(topupNo, actor);
    }

    /** What the member's level gives at checkout: percent off items and free delivery (nothing without a level). */
    public record LevelBenefits(String levelName, int discountPercent, boolean freeDelivery) {}

    public LevelBenefits levelBenefits(long memberId) {
        var b = levels.benefits(memberId);
        return new LevelBenefits(b.levelName(), b.discountPercent(), b.freeDelivery());
    }

    /** A member whose birthday it is, with their level's birthday coupon template (0: none). */
    public record Birthday(long memberId, long couponTemplateId) {}

    /** Members born on {@code monthDay} (MM-DD) after {@code afterId}, in id order, a page at a time. */
    public List<Birthday> birthdays(String monthDay, long afterId, int limit) {
        return levels.birthdays(monthDay, afterId, limit).stream()
                .map(b -> new Birthday(b.memberId(), b.templateId()))
                .toList();
    }

    /** What a member's points can do at checkout now: how many they have and the brand's redemption rule. */
    public record PointsOffer(long available, int redeemPointsPerYuan, int maxRedeemPercent) {}

    public PointsOffer pointsOffer(long memberId) {
        var rule = rules.current();
        return new PointsOffer(points.balance(memberId), rule.redeemPointsPerYuan(), rule.maxRedeemPercent());
    }

    /**
     * Spends points on an order, in the caller's transaction; too few points (another order took them meanwhile) is a
     * 409 and the caller rolls back. Spending for the same order twice spends once.
     */
    public void spendPoints(long memberId, long count, String orderNo, long storeId) {
        points.debit(
                new io.mendian.membership.points.PointsLedger.Change(
                        memberId,
                        count,
                        "SPEND",
                        "order:" + orderNo,
                        storeId,
                        "order " + orderNo,
                        "member:" + memberId,
                        null),
                false);
    }

    /**
     * Spends points in the points mall, in the caller's transaction (409 when the member has too few); once per
     * reference.
     */
    public void redeemPoints(long memberId, long count, String reference, String note) {
        points.debit(
                new io.mendian.membership.points.PointsLedger.Change(
                        memberId, count, "REDEEM", reference, null, note, "member:" + memberId, null),
                false);
    }

    /** Gives points spent on an order back (it ended, or part of it was refunded); once per reference. */
    public void returnPoints(long memberId, long count, String reference, long storeId) {
        points.credit(new io.mendian.membership.points.PointsLedger.Change(
                memberId,
                count,
                "RETURN",
                reference,
                storeId,
                "returned " + reference,
                "system",
                rules.expiryFromNow()));
    }

    /**
     * A subscription message to the member where they can be reached: {@code send} takes the appid of the
     * mini-program they last signed in to and their openid there. FAILED when they never signed in to one.
     */
    public WeChatMessages.Outcome message(long memberId, BiFunction<String, String, WeChatMessages.Outcome> send) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select appid, openid from member_identity where member_id = ?1 "
                        + "order by created_at desc limit 1")
                .setParameter(1, memberId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> send.apply((String) r[0], (String) r[1]))
                .orElse(WeChatMessages.Outcome.FAILED);
    }

    /** The member's openid in one of the brand's mini-programs (the payer of a WeChat Pay JSAPI payment). */
    public Optional<String> openid(long memberId, String appid) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(
                        "select openid from member_identity where member_id = ?1 and appid = ?2 limit 1")
                .setParameter(1, memberId)
                .setParameter(2, appid)
                .getResultList();
        return rows.stream().findFirst();
    }

    /** Active members after {@code afterId}, in id order: a page of a segment for a distribution. */
    @SuppressWarnings("unchecked")
    public List<Long> activeMembersAfter(long afterId, int limit) {
        List<Number> ids = em.createNativeQuery(
                        "select id from member where status = 'ACTIVE' and id > ?1 order by id limit ?2")
                .setParameter(1, afterId)
                .setParameter(2, limit)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Which of these are active members of the brand. */
    @SuppressWarnings("unchecked")
    public java.util.Set<Long> activeAmong(java.util.Collection<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return java.util.Set.of();
        }
        List<Number> ids = em.createNativeQuery("select id from member where status = 'ACTIVE' and id in (:ids)")
                .setParameter("ids", memberIds)
                .getResultList();
        return ids.stream().map(Number::longValue).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * The member behind a scanned member code, spending it for one change of this kind (purpose) at the counter, in
     * the caller's transaction: 400 invalid-member-code, 410 member-code-expired, 409 member-code-used.
     */
    public long spendMemberCode(String code, String purpose) {
        return codes.spend(code, purpose);
    }

    /** The member behind a scanned member code, without spending it (a look-up). */
    public long memberOfCode(String code) {
        return codes.memberOf(code);
    }
}
