package io.mendian.membership.wallet;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * Top-up plans and top-ups (H6, C6). A member picks a plan, pays it through WeChat Pay like an order (the payment
 * context asks for it as a payable by its {@code T…} number), and the payment's callback credits principal and gift
 * once: the top-up's PENDING to PAID transition and the ledger's unique reference both make a repeat a no-op.
 */
@ApplicationScoped
public class TopUps {

    static final String PREFIX = "T";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final int PAY_MINUTES = 30;

    /** A top-up as the payment context needs it. */
    public record Payable(String topupNo, long payFen, String status, OffsetDateTime payBy, String description) {}

    private final EntityManager em;
    private final StoredValue ledger;

    public TopUps(EntityManager em, StoredValue ledger) {
        this.em = em;
        this.ledger = ledger;
    }

    /** Every plan (HQ) or the active ones (members), in order. */
    @Transactional
    public List<TopUpPlanView> plans(boolean activeOnly) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select p.id, p.name, p.pay_fen, p.gift_fen, p.active, p.sort, (select "
                                + "count(*) from topup t where t.plan_id = p.id and t.status = 'PAID') from topup_plan p "
                                + (activeOnly ? "where p.active " : "")
                                + "order by p.sort, p.pay_fen limit 50")
                .getResultList();
        return rows.stream()
                .map(r -> new TopUpPlanView(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        ((Number) r[2]).longValue(),
                        ((Number) r[3]).longValue(),
                        (Boolean) r[4],
                        ((Number) r[5]).intValue(),
                        activeOnly ? 0 : ((Number) r[6]).longValue()))
                .toList();
    }

    @Transactional
    public TopUpPlanView createPlan(TopUpPlanRequest r, String actor) {
        check(r);
        long count = ((Number)
                        em.createNativeQuery("select count(*) from topup_plan").getSingleResult())
                .longValue();
        if (count >= 50) {
            throw ProblemException.unprocessable("too-many-plans", "a brand has at most 50 top-up plans");
        }
        long id = ((Number) em.createNativeQuery("insert into topup_plan (name, pay_fen, gift_fen, active, sort, "
                                + "created_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, now()) returning id")
                        .setParameter(1, r.name().strip())
                        .setParameter(2, r.payFen())
                        .setParameter(3, r.giftFen())
                        .setParameter(4, r.active() == null || r.active())
                        .setParameter(5, r.sort() == null ? 0 : r.sort())
                        .setParameter(6, actor)
                        .getSingleResult())
                .longValue();
        return plan(id);
    }

    /** Changes a plan; top-ups already bought keep the terms they were bought with. */
    @Transactional
    public TopUpPlanView updatePlan(long id, TopUpPlanRequest r) {
        check(r);
        int updated = em.createNativeQuery("update topup_plan set name = ?2, pay_fen = ?3, gift_fen = ?4, active = ?5, "
                        + "sort = ?6 where id = ?1")
                .setParameter(1, id)
                .setParameter(2, r.name().strip())
                .setParameter(3, r.payFen())
                .setParameter(4, r.giftFen())
                .setParameter(5, r.active() == null || r.active())
                .setParameter(6, r.sort() == null ? 0 : r.sort())
                .executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("top-up plan " + id);
        }
        return plan(id);
    }

    private static void check(TopUpPlanRequest r) {
        if (r.giftFen() > r.payFen()) {
            throw ProblemException.unprocessable("gift-too-large", "the gift cannot be more than what is paid");
        }
    }

    private TopUpPlanView plan(long id) {
        return plans(false).stream()
                .filter(p -> p.id() == id)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("top-up plan " + id));
    }

    /** The member starts a top-up on an active plan; pay it within 30 minutes. */
    @Transactional
    public TopUpView start(long memberId, long planId) {
        @SuppressWarnings("unchecked")
        List<Object[]> plan = em.createNativeQuery("select pay_fen, gift_fen from topup_plan where id = ?1 and active")
                .setParameter(1, planId)
                .getResultList();
        if (plan.isEmpty()) {
            throw ProblemException.notFound("top-up plan " + planId);
        }
        long id =
                ((Number) em.createNativeQuery("select nextval('topup_id_seq')").getSingleResult()).longValue();
        String no = PREFIX + LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DAY) + String.format("%08d", id);
        em.createNativeQuery("insert into topup (id, topup_no, member_id, plan_id, pay_fen, gift_fen, status, pay_by, "
                        + "created_at) values (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING', ?7, now())")
                .setParameter(1, id)
                .setParameter(2, no)
                .setParameter(3, memberId)
                .setParameter(4, planId)
                .setParameter(5, plan.getFirst()[0])
                .setParameter(6, plan.getFirst()[1])
                .setParameter(7, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(PAY_MINUTES))
                .executeUpdate();
        return get(memberId, no);
    }

    @Transactional
    public TopUpView get(long memberId, String topupNo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select t.topup_no, t.plan_id, p.name, t.pay_fen, t.gift_fen, t.status, "
                                + "t.pay_by, t.created_at from topup t join topup_plan p on p.id = t.plan_id where t.topup_no = "
                                + "?1 and t.member_id = ?2")
                .setParameter(1, topupNo)
                .setParameter(2, memberId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("top-up " + io.mendian.web.Problem.clip(topupNo));
        }
        Object[] r = rows.getFirst();
        return new TopUpView(
                (String) r[0],
                ((Number) r[1]).longValue(),
                (String) r[2],
                ((Number) r[3]).longValue(),
                ((Number) r[4]).longValue(),
                (String) r[5],
                Rows.offset(r[6]),
                Rows.offset(r[7]));
    }

    /** The member's top-up as a payment sees it; 404 when it is not theirs. */
    public Payable payable(long memberId, String topupNo) {
        TopUpView t = get(memberId, topupNo);
        return new Payable(
                t.topupNo(),
                t.payFen(),
                "PENDING".equals(t.status()) ? "PENDING_PAYMENT" : t.status(),
                t.payBy(),
                "储值 " + t.name());
    }

    /** WeChat Pay confirmed the top-up: principal and gift are credited once. True when (now or before) paid. */
    public boolean paid(String topupNo, String actor) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "update topup set status = 'PAID', paid_at = now() where topup_no = ?1 "
                                + "and status = 'PENDING' returning member_id, pay_fen, gift_fen")
                .setParameter(1, topupNo)
                .getResultList();
        if (rows.isEmpty()) {
            return true; // a repeat
        }
        Object[] r = rows.getFirst();
        ledger.change(
                ((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(),
                "TOPUP",
                "topup:" + topupNo,
                null,
                "top-up " + topupNo,
                actor);
        return true;
    }

    /** The member's balance and latest ledger entries (50). */
    @Transactional
    public WalletView wallet(long memberId) {
        StoredValue.Balance b = ledger.balance(memberId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select kind, principal_delta, gift_delta, principal_after + gift_after, "
                                + "store_id, note, created_at from stored_value_ledger where member_id = ?1 order by id desc "
                                + "limit 50")
                .setParameter(1, memberId)
                .getResultList();
        return new WalletView(
                b.totalFen(),
                b.principalFen(),
                b.giftFen(),
                rows.stream()
                        .map(r -> new WalletView.Entry(
                                (String) r[0],
                                ((Number) r[1]).longValue(),
                                ((Number) r[2]).longValue(),
                                ((Number) r[3]).longValue(),
                                r[4] == null ? null : ((Number) r[4]).longValue(),
                                (String) r[5],
                                Rows.offset(r[6])))
                        .toList());
    }
}
