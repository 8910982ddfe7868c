package io.mendian.payment.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.Refund;

import io.mendian.messaging.AfterCommit;
import io.mendian.ordering.OrderingApi;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.UsageChanged;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Refunds of paid orders. A refund is first a row (REQUESTED) in the transaction that decided it, so a decision and
 * its refund commit together; it is sent to WeChat Pay after the commit and, if WeChat Pay was not reached, again by
 * {@link RefundSweep} with the same {@code out_refund_no} (WeChat Pay treats it as the same refund). The sum refunded
 * never exceeds the payment, checked under the payment's row lock. WeChat Pay's success (callback or query) is recorded
 * once: the GMV meter takes the amount back and the order's timeline shows it.
 */
@ApplicationScoped
public class Refunds {

    private final EntityManager em;
    private final WeChatPay pay;
    private final AfterCommit afterCommit;
    private final TenantContext tenant;
    private final OrderingApi ordering;
    private final Event<UsageChanged> usage;

    public Refunds(
            EntityManager em,
            WeChatPay pay,
            AfterCommit afterCommit,
            TenantContext tenant,
            OrderingApi ordering,
            Event<UsageChanged> usage) {
        this.em = em;
        this.pay = pay;
        this.afterCommit = afterCommit;
        this.tenant = tenant;
        this.ordering = ordering;
        this.usage = usage;
    }

    /** Records a refund in the caller's transaction; sends it once that commits. Returns its out_refund_no. */
    public String request(String orderNo, long amountFen, String reason, String actor) {
        if (amountFen <= 0) {
            throw ProblemException.unprocessable("invalid-amount", "a refund is a positive amount of fen");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> paid = em.createNativeQuery(
                        "select id, amount_fen from payment where order_no = ?1 and status = " + "'PAID' for update")
                .setParameter(1, orderNo)
                .getResultList();
        if (paid.isEmpty()) {
            throw ProblemException.conflict("not-paid", "order " + orderNo + " has no payment to refund");
        }
        long paymentId = ((Number) paid.get(0)[0]).longValue();
        long amount = ((Number) paid.get(0)[1]).longValue();
        Object[] so =
                (Object[]) em.createNativeQuery("select coalesce(sum(amount_fen) filter (where status <> 'CLOSED'), "
                                + "0), count(*) from refund where payment_id = ?1")
                        .setParameter(1, paymentId)
                        .getSingleResult();
        long refundable = amount - ((Number) so[0]).longValue();
        if (amountFen > refundable) {
            throw ProblemException.conflict(
                            "refund-exceeds-payment",
                            "only " + refundable + " fen of the " + amount + " paid are left to refund")
                    .with("refundableFen", refundable);
        }
        String outRefundNo = orderNo + "R" + (((Number) so[1]).longValue() + 1);
        em.createNativeQuery(
                        "insert into refund (order_no, payment_id, out_refund_no, amount_fen, reason, status, "
                                + "requested_by, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, 'REQUESTED', ?6, now(), now())")
                .setParameter(1, orderNo)
                .setParameter(2, paymentId)
                .setParameter(3, outRefundNo)
                .setParameter(4, amountFen)
                .setParameter(5, reason.length() > 200 ? reason.substring(0, 200) : reason)
                .setParameter(6, actor)
                .executeUpdate();
        afterCommit.run(() -> {
            try {
                submit(outRefundNo);
            } catch (RuntimeException e) {
                Log.warnf("refund %s not sent yet (the sweep retries): %s", outRefundNo, e.getMessage());
            }
        });
        return outRefundNo;
    }

    /** Sends a recorded refund to WeChat Pay (or asks about one already sent); outside any transaction. */
    public void submit(String outRefundNo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "select r.amount_fen, r.reason, p.out_trade_no, p.sub_mchid, p.amount_fen, r.status from refund r "
                                        + "join payment p on p.id = r.payment_id where r.out_refund_no = ?1")
                        .setParameter(1, outRefundNo)
                        .getResultList());
        if (rows.isEmpty()) {
            return;
        }
        Object[] r = rows.get(0);
        if (!"REQUESTED".equals(r[5]) && !"PROCESSING".equals(r[5])) {
            return;
        }
        CreateRequest request = new CreateRequest();
        request.setSubMchid((String) r[3]);
        request.setOutTradeNo((String) r[2]);
        request.setOutRefundNo(outRefundNo);
        request.setReason((String) r[1]);
        request.setNotifyUrl(pay.notifyUrl(tenant.require().value(), "refund"));
        AmountReq amount = new AmountReq();
        amount.setRefund(((Number) r[0]).longValue());
        amount.setTotal(((Number) r[4]).longValue());
        amount.setCurrency("CNY");
        request.setAmount(amount);
        Refund answer;
        try {
            answer = pay.refund(request);
        } catch (ServiceException e) {
            if (e.getHttpStatusCode() >= 500) {
                throw e;
            }
            // WeChat Pay refused it for good (not enough left, not paid): the refund is closed and someone must look.
            Log.errorf("WeChat Pay refused refund %s: %s %s", outRefundNo, e.getErrorCode(), e.getErrorMessage());
            status(outRefundNo, "CLOSED", null, List.of("REQUESTED", "PROCESSING"));
            return;
        }
        String state =
                answer.getStatus() == null ? "PROCESSING" : answer.getStatus().name();
        if ("SUCCESS".equals(state)) {
            succeeded(outRefundNo, answer.getRefundId());
        } else {
            status(outRefundNo, state, answer.getRefundId(), List.of("REQUESTED", "PROCESSING"));
        }
    }

    /** A refund callback, verified: the brand's refund succeeded (or failed for good). */
    public void record(RefundResult result) {
        String ours = pay.settings().spMchid();
        if (!ours.equals(result.spMchid)) {
            throw ProblemException.forbidden("foreign-transaction", "the refund belongs to another service provider");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "select p.sub_mchid, r.amount_fen from refund r join payment p on p.id = r.payment_id "
                                        + "where r.out_refund_no = ?1")
                        .setParameter(1, result.outRefundNo)
                        .getResultList());
        if (rows.isEmpty()) {
            throw ProblemException.notFound("refund " + io.mendian.web.Problem.clip(result.outRefundNo));
        }
        if (!rows.get(0)[0].equals(result.subMchid)) {
            throw ProblemException.forbidden("foreign-transaction", "the refund belongs to another merchant");
        }
        if ("SUCCESS".equals(result.refundStatus)) {
            succeeded(result.outRefundNo, result.refundId);
        } else if ("CLOSED".equals(result.refundStatus) || "ABNORMAL".equals(result.refundStatus)) {
            Log.errorf("refund %s ended %s at WeChat Pay", result.outRefundNo, result.refundStatus);
            status(result.outRefundNo, result.refundStatus, result.refundId, List.of("REQUESTED", "PROCESSING"));
        }
    }

    /** Refunds WeChat Pay has not confirmed, oldest first (for the sweep). */
    @SuppressWarnings("unchecked")
    public List<String> pending(int batch) {
        return em.createNativeQuery("select out_refund_no from refund where status in ('REQUESTED', 'PROCESSING') and "
                        + "updated_at < now() - interval '10 seconds' order by updated_at limit ?1")
                .setParameter(1, batch)
                .getResultList();
    }

    /** Asks WeChat Pay about a refund it already has. */
    public void check(String outRefundNo) {
        submit(outRefundNo); // the same out_refund_no answers the refund's current state
    }

    private void succeeded(String outRefundNo, String refundId) {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> done = em.createNativeQuery("update refund set status = 'SUCCESS', refund_id = ?2, "
                            + "succeeded_at = now(), updated_at = now() where out_refund_no = ?1 and status in "
                            + "('REQUESTED', 'PROCESSING') returning order_no, amount_fen")
                    .setParameter(1, outRefundNo)
                    .setParameter(2, refundId)
                    .getResultList();
            if (done.isEmpty()) {
                return; // recorded before: a repeated callback or a query racing it
            }
            String orderNo = (String) done.get(0)[0];
            long amount = ((Number) done.get(0)[1]).longValue();
            usage.fire(UsageChanged.add(tenant.require(), UsageChanged.Metric.GMV_FEN, -amount));
            ordering.refunded(orderNo, amount, outRefundNo);
        });
    }

    private void status(String outRefundNo, String status, String refundId, List<String> from) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update refund set status = ?2, refund_id = "
                                + "coalesce(?3, refund_id), updated_at = now() where out_refund_no = ?1 and status = any(cast(?4 "
                                + "as varchar[]))")
                        .setParameter(1, outRefundNo)
                        .setParameter(2, status)
                        .setParameter(3, refundId)
                        .setParameter(4, from.toArray(String[]::new))
                        .executeUpdate());
    }
}
