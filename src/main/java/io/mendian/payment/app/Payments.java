package io.mendian.payment.app;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Payer;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.SettleInfo;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Transaction;

import io.mendian.membership.MembershipApi;
import io.mendian.ordering.OrderingApi.Payable;
import io.mendian.ordering.PaymentGate;
import io.mendian.payment.api.PaymentParams;
import io.mendian.payment.api.PaymentStatus;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Payment attempts for orders. An order has at most one open attempt at a time (a new one only after the previous was
 * closed at WeChat Pay) and at most one paid attempt (a partial unique index). Calls to WeChat Pay happen outside
 * database transactions; each state change is a guarded update, so a callback, an active query and an expiry racing
 * for the same attempt settle it once.
 */
@ApplicationScoped
public class Payments implements PaymentGate {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final EntityManager em;
    private final WeChatPay pay;
    private final SubMerchants merchants;
    private final Payables payables;
    private final MembershipApi members;
    private final TenantContext tenant;
    private final Refunds refunds;
    private final ProfitSharing sharing;

    public Payments(
            Refunds refunds,
            ProfitSharing sharing,
            EntityManager em,
            WeChatPay pay,
            SubMerchants merchants,
            Payables payables,
            MembershipApi members,
            TenantContext tenant) {
        this.em = em;
        this.pay = pay;
        this.merchants = merchants;
        this.payables = payables;
        this.members = members;
        this.tenant = tenant;
        this.refunds = refunds;
        this.sharing = sharing;
    }

    private record Attempt(long id, String outTradeNo, String subMchid, String openid, long amountFen) {}

    /** Starts (or resumes) paying the member's order and signs the mini-program's payment call. */
    public PaymentParams start(long memberId, String appid, String orderNo) {
        Payable order = QuarkusTransaction.requiringNew().call(() -> payables.payable(memberId, orderNo));
        if (!"PENDING_PAYMENT".equals(order.status())) {
            throw ProblemException.conflict(
                    "not-payable", "order " + orderNo + " is " + order.status() + " and takes no payment");
        }
        if (!order.payBy().toInstant().isAfter(Instant.now().plusSeconds(10))) {
            throw ProblemException.conflict(
                    "payment-deadline-passed",
                    "order " + orderNo + " was due by " + order.payBy() + "; it expires and its stock returns");
        }
        if (order.totalFen() <= 0 || order.totalFen() > Integer.MAX_VALUE) {
            throw ProblemException.unprocessable(
                    "amount-not-payable", "WeChat Pay takes 1 to 2147483647 fen; this order is " + order.totalFen());
        }
        String subMchid = requireSubMchid();
        String openid = QuarkusTransaction.requiringNew()
                .call(() -> members.openid(memberId, appid))
                .orElseThrow(() -> ProblemException.conflict(
                        "sign-in-required", "sign in from mini-program " + appid + " to pay with WeChat Pay"));
        for (int tries = 0; tries < 2; tries++) {
            Attempt attempt = QuarkusTransaction.requiringNew().call(() -> openAttempt(order, subMchid, openid));
            try {
                PrepayWithRequestPaymentResponse signed = pay.prepay(request(attempt, order, appid));
                QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery(
                                        "update payment set prepay_id = ?2, updated_at = now() where id = ?1")
                                .setParameter(1, attempt.id())
                                .setParameter(2, signed.getPackageVal().substring("prepay_id=".length()))
                                .executeUpdate());
                return new PaymentParams(
                        signed.getAppId(),
                        signed.getTimeStamp(),
                        signed.getNonceStr(),
                        signed.getPackageVal(),
                        signed.getSignType(),
                        signed.getPaySign(),
                        attempt.outTradeNo(),
                        attempt.amountFen(),
                        order.payBy());
            } catch (ServiceException e) {
                String code = e.getErrorCode();
                if ("ORDERPAID".equals(code)) {
                    settle(attempt);
                    throw ProblemException.conflict("not-payable", "order " + orderNo + " is already paid");
                }
                if (!"ORDER_CLOSED".equals(code) && !"OUT_TRADE_NO_USED".equals(code)) {
                    throw PayFailures.translate(e);
                }
                // WeChat Pay holds this attempt closed or with other terms: close ours and open a fresh one.
                markClosed(attempt.id());
            } catch (RuntimeException e) {
                ProblemException problem = PayFailures.translate(e);
                throw problem == null ? e : problem;
            }
        }
        throw ProblemException.conflict("payment-not-started", "WeChat Pay refused a new payment; try again");
    }

    /** The order's latest attempt; an open one is first asked of WeChat Pay (a callback may be late or lost). */
    public PaymentStatus status(long memberId, String orderNo) {
        Payable order = QuarkusTransaction.requiringNew().call(() -> payables.payable(memberId, orderNo));
        for (Attempt open : QuarkusTransaction.requiringNew().call(() -> open(order.orderNo()))) {
            try {
                settle(open);
            } catch (RuntimeException e) {
                if (!PayFailures.transientFailure(e)) {
                    throw e;
                }
                Log.debugf("payment status of %s stays as recorded: %s", open.outTradeNo(), e.getMessage());
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> latest(order));
    }

    @Override
    public Settled settleUnpaid(String orderNo) {
        List<Attempt> open = QuarkusTransaction.requiringNew().call(() -> open(orderNo));
        try {
            for (Attempt attempt : open) {
                if (settle(attempt)) {
                    return Settled.PAID;
                }
                try {
                    pay.close(attempt.subMchid(), attempt.outTradeNo());
                } catch (ServiceException e) {
                    if ("ORDERPAID".equals(e.getErrorCode())) {
                        return settle(attempt) ? Settled.PAID : Settled.UNKNOWN;
                    }
                    if (!"ORDER_NOT_EXIST".equals(e.getErrorCode()) && e.getHttpStatusCode() != 404) {
                        throw e;
                    }
                }
                markClosed(attempt.id());
            }
            return Settled.UNPAID;
        } catch (RuntimeException e) {
            Log.warnf("cannot settle the payment of order %s with WeChat Pay: %s", orderNo, e.getMessage());
            return Settled.UNKNOWN;
        }
    }

    @Override
    public String refund(String orderNo, long amountFen, String reason, String actor) {
        return refunds.request(orderNo, amountFen, reason, actor);
    }

    @Override
    public void requireReady() {
        requireSubMchid();
    }

    /**
     * A transaction WeChat Pay reports (callback or query), already verified. Marks the attempt and its order paid
     * once; a repeat finds the attempt paid and changes nothing. Runs in the brand of the attempt.
     *
     * @return true when the transaction is (now or already) recorded as paid
     */
    public boolean record(Transaction tx) {
        if (tx.getTradeState() != Transaction.TradeStateEnum.SUCCESS) {
            return false;
        }
        String ours = requireSubMchid();
        if (!ours.equals(tx.getSubMchid()) || !pay.settings().spMchid().equals(tx.getSpMchid())) {
            throw ProblemException.forbidden(
                    "foreign-transaction", "the transaction belongs to another merchant than this brand's");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select id, order_no, status, amount_fen, transaction_id from payment where out_trade_no = ?1 "
                                    + "and sub_mchid = ?2 for update")
                    .setParameter(1, tx.getOutTradeNo())
                    .setParameter(2, tx.getSubMchid())
                    .getResultList();
            if (rows.isEmpty()) {
                throw ProblemException.notFound("payment " + io.mendian.web.Problem.clip(tx.getOutTradeNo()));
            }
            Object[] row = rows.get(0);
            long amount = ((Number) row[3]).longValue();
            if (tx.getAmount() == null
                    || tx.getAmount().getTotal() == null
                    || tx.getAmount().getTotal() != amount
                    || !"CNY"
                            .equals(
                                    tx.getAmount().getCurrency() == null
                                            ? "CNY"
                                            : tx.getAmount().getCurrency())) {
                Log.errorf(
                        "transaction %s reports an amount other than the %d fen asked", tx.getTransactionId(), amount);
                throw ProblemException.unprocessable("amount-mismatch", "the paid amount differs from the order's");
            }
            String status = (String) row[2];
            if ("PAID".equals(status)) {
                return true; // a repeat: recorded once already
            }
            em.createNativeQuery("update payment set status = 'PAID', transaction_id = ?2, paid_at = ?3, "
                            + "updated_at = now() where id = ?1")
                    .setParameter(1, ((Number) row[0]).longValue())
                    .setParameter(2, tx.getTransactionId())
                    .setParameter(3, paidAt(tx.getSuccessTime()))
                    .executeUpdate();
            String orderNo = (String) row[1];
            if (Payables.shared(orderNo)) {
                sharing.open(((Number) row[0]).longValue(), orderNo, tx.getSubMchid(), tx.getTransactionId());
            }
            if (!payables.markPaid(orderNo, "wechat-pay:" + tx.getTransactionId())) {
                // Paid after the order ended (only possible if WeChat Pay accepted a payment past time_expire):
                // the money is the customer's; after-sales refunds it.
                Log.errorf("order %s was paid by %s after it ended; refund it", orderNo, tx.getTransactionId());
            }
            return true;
        });
    }

    /** Asks WeChat Pay about one attempt; records it when paid, closes it when WeChat Pay already did. */
    private boolean settle(Attempt attempt) {
        Transaction tx;
        try {
            tx = pay.query(attempt.subMchid(), attempt.outTradeNo());
        } catch (ServiceException e) {
            if (e.getHttpStatusCode() == 404) {
                return false; // never reached WeChat Pay
            }
            throw e;
        }
        if (tx.getTradeState() == Transaction.TradeStateEnum.SUCCESS) {
            return record(tx);
        }
        if (tx.getTradeState() == Transaction.TradeStateEnum.CLOSED) {
            markClosed(attempt.id());
        }
        return false;
    }

    private String requireSubMchid() {
        return merchants
                .active(tenant.require())
                .orElseThrow(() -> ProblemException.conflict(
                        "payments-not-ready",
                        "this brand cannot take WeChat Pay payments yet: its sub-merchant account is not active"));
    }

    private Attempt openAttempt(Payable order, String subMchid, String openid) {
        List<Attempt> open = open(order.orderNo());
        if (!open.isEmpty() && open.get(0).openid().equals(openid)) {
            return open.get(0);
        }
        open.forEach(a -> markClosed(a.id()));
        long attempts = ((Number) em.createNativeQuery("select count(*) from payment where order_no = ?1")
                        .setParameter(1, order.orderNo())
                        .getSingleResult())
                .longValue();
        String outTradeNo = order.orderNo() + "P" + (attempts + 1);
        em.createNativeQuery(
                        "insert into payment (order_no, out_trade_no, sub_mchid, payer_openid, amount_fen, status, "
                                + "expires_at, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, 'OPEN', ?6, now(), now()) "
                                + "on conflict do nothing")
                .setParameter(1, order.orderNo())
                .setParameter(2, outTradeNo)
                .setParameter(3, subMchid)
                .setParameter(4, openid)
                .setParameter(5, order.totalFen())
                .setParameter(6, order.payBy())
                .executeUpdate();
        return open(order.orderNo()).stream()
                .findFirst()
                .orElseThrow(() -> ProblemException.conflict("payment-busy", "the order is being paid; try again"));
    }

    @SuppressWarnings("unchecked")
    private List<Attempt> open(String orderNo) {
        return ((List<Object[]>) em.createNativeQuery("select id, out_trade_no, sub_mchid, payer_openid, amount_fen "
                                + "from payment where order_no = ?1 and status = 'OPEN' order by id desc")
                        .setParameter(1, orderNo)
                        .getResultList())
                .stream()
                        .map(r -> new Attempt(
                                ((Number) r[0]).longValue(),
                                (String) r[1],
                                (String) r[2],
                                (String) r[3],
                                ((Number) r[4]).longValue()))
                        .toList();
    }

    private void markClosed(long id) {
        QuarkusTransaction.joiningExisting()
                .run(() -> em.createNativeQuery(
                                "update payment set status = 'CLOSED', updated_at = now() where id = ?1 and status = 'OPEN'")
                        .setParameter(1, id)
                        .executeUpdate());
    }

    private PaymentStatus latest(Payable order) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select status, out_trade_no, transaction_id, amount_fen, paid_at "
                        + "from payment where order_no = ?1 order by (status = 'PAID') desc, id desc limit 1")
                .setParameter(1, order.orderNo())
                .getResultList();
        if (rows.isEmpty()) {
            return new PaymentStatus(order.orderNo(), "NONE", null, null, order.totalFen(), null);
        }
        Object[] r = rows.get(0);
        return new PaymentStatus(
                order.orderNo(),
                (String) r[0],
                (String) r[1],
                (String) r[2],
                ((Number) r[3]).longValue(),
                r[4] == null ? null : ((Instant) r[4]).atOffset(ZoneOffset.UTC));
    }

    private PrepayRequest request(Attempt attempt, Payable order, String appid) {
        PrepayRequest request = new PrepayRequest();
        request.setSubMchid(attempt.subMchid());
        request.setSubAppid(appid);
        request.setDescription(order.description());
        request.setOutTradeNo(attempt.outTradeNo());
        request.setTimeExpire(order.payBy().atZoneSameInstant(CHINA).format(RFC3339));
        request.setNotifyUrl(pay.notifyUrl(tenant.require().value(), "transaction"));
        Amount amount = new Amount();
        amount.setTotal(Math.toIntExact(attempt.amountFen()));
        amount.setCurrency("CNY");
        request.setAmount(amount);
        Payer payer = new Payer();
        payer.setSubOpenid(attempt.openid());
        request.setPayer(payer);
        // Frozen until the order is final: then the platform's fee is shared and the rest released (ProfitSharing).
        SettleInfo settle = new SettleInfo();
        settle.setProfitSharing(true);
        request.setSettleInfo(settle);
        return request;
    }

    private static OffsetDateTime paidAt(String successTime) {
        try {
            return successTime == null ? OffsetDateTime.now(ZoneOffset.UTC) : OffsetDateTime.parse(successTime);
        } catch (java.time.format.DateTimeParseException e) {
            return OffsetDateTime.now(ZoneOffset.UTC);
        }
    }
}
