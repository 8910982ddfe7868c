package io.mendian.payment.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.profitsharing.model.OrderStatus;
import com.wechat.pay.java.service.profitsharing.model.OrdersEntity;

import io.mendian.ordering.OrderingApi;
import io.mendian.ordering.OrderingApi.OrderFinality;
import io.mendian.payment.PaySettings;
import io.mendian.tenancy.EveryBrand;
import io.mendian.tenancy.PlanLimits;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.mendian.tenancy.UsageChanged;
import io.mendian.web.Problem;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The platform's fee by WeChat Pay profit sharing (分账), so that the brand's money never passes through the platform.
 * Every payment is taken with its funds frozen; once its order is final (completed and past after-sales with nothing
 * open, or ended), the fee (the plan's basis points of what was paid less what was refunded, fixed when the customer
 * paid) is shared to the platform's merchant and the rest released, or everything released when there is no fee.
 * Each row is recorded before WeChat Pay is called and is called again under the same out_order_no until WeChat Pay
 * reports it finished, so a crash or a timeout neither loses nor doubles a share. One instance per firing.
 */
@ApplicationScoped
public class ProfitSharing {

    private static final int BATCH = 100;

    private final EntityManager em;
    private final WeChatPay pay;
    private final OrderingApi ordering;
    private final PlanLimits plans;
    private final TenantContext tenant;
    private final EveryBrand brands;
    private final Tenants tenants;
    private final Event<UsageChanged> usage;
    private final Duration recheck;
    private final Duration poll;
    private final Set<String> receivers = ConcurrentHashMap.newKeySet();

    public ProfitSharing(
            EntityManager em,
            WeChatPay pay,
            OrderingApi ordering,
            PlanLimits plans,
            TenantContext tenant,
            EveryBrand brands,
            Tenants tenants,
            Event<UsageChanged> usage,
            PaySettings settings) {
        this.em = em;
        this.pay = pay;
        this.ordering = ordering;
        this.plans = plans;
        this.tenant = tenant;
        this.brands = brands;
        this.tenants = tenants;
        this.usage = usage;
        this.recheck = settings.profitSharingRecheck();
        this.poll = settings.profitSharingPoll();
    }

    /** Joins the transaction that records the payment as paid: the share waits for the order to be final. */
    void open(long paymentId, String orderNo, String subMchid, String transactionId) {
        em.createNativeQuery("insert into profit_share (payment_id, order_no, sub_mchid, transaction_id, out_order_no, "
                        + "fee_bps, status, check_after, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, "
                        + "'WAITING', now(), now(), now()) on conflict (payment_id) do nothing")
                .setParameter(1, paymentId)
                .setParameter(2, orderNo)
                .setParameter(3, subMchid)
                .setParameter(4, transactionId)
                .setParameter(5, "PS" + transactionId)
                .setParameter(6, plans.platformFeeBps(tenant.require()))
                .executeUpdate();
    }

    @Scheduled(
            identity = "payment-profit-sharing",
            every = "${mendian.pay.profit-sharing-every:10m}",
            delayed = "${mendian.pay.profit-sharing-delay:60s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("profit sharing", this::sweep);
    }

    /** Moves every due share of the brand one step. */
    public void sweep(TenantId brand) {
        tenants.runAs(brand, () -> {
            List<Object[]> due = QuarkusTransaction.requiringNew().call(this::due);
            Map<String, OrderFinality> finality = QuarkusTransaction.requiringNew()
                    .call(() -> ordering.finality(
                            due.stream().map(r -> (String) r[1]).toList()));
            for (Object[] share : due) {
                long id = ((Number) share[0]).longValue();
                try {
                    if ("WAITING".equals(share[2])) {
                        decide(id, finality.get((String) share[1]));
                    } else {
                        send(id);
                    }
                } catch (RuntimeException e) {
                    QuarkusTransaction.requiringNew().run(() -> failed(id, e));
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> due() {
        return em.createNativeQuery("select id, order_no, status from profit_share where status in ('WAITING', "
                        + "'REQUESTED', 'PROCESSING') and check_after <= now() order by check_after limit " + BATCH)
                .getResultList();
    }

    /** A waiting share whose order is final gets its amounts and is requested; otherwise it waits longer. */
    private void decide(long id, OrderFinality order) {
        boolean requested = QuarkusTransaction.requiringNew().call(() -> {
            if (order == null || order.state() == OrderFinality.State.OPEN) {
                Instant next = Instant.now().plus(recheck);
                if (order != null
                        && order.revisitAt() != null
                        && order.revisitAt().isAfter(next)) {
                    next = order.revisitAt();
                }
                em.createNativeQuery("update profit_share set check_after = ?2, updated_at = now() where id = ?1 and "
                                + "status = 'WAITING'")
                        .setParameter(1, id)
                        .setParameter(2, next)
                        .executeUpdate();
                return false;
            }
            Object[] money =
                    (Object[]) em.createNativeQuery("select p.amount_fen, (select coalesce(sum(r.amount_fen), 0) "
                                    + "from refund r where r.payment_id = p.id and r.status not in ('CLOSED', 'ABNORMAL')), "
                                    + "(select count(*) from refund r where r.payment_id = p.id and r.status in ('REQUESTED', "
                                    + "'PROCESSING')), s.fee_bps from profit_share s join payment p on p.id = s.payment_id "
                                    + "where s.id = ?1")
                            .setParameter(1, id)
                            .getSingleResult();
            if (((Number) money[2]).longValue() > 0) {
                // A refund is still on its way: the share is computed on what stays with the brand.
                em.createNativeQuery("update profit_share set check_after = ?2, updated_at = now() where id = ?1")
                        .setParameter(1, id)
                        .setParameter(2, Instant.now().plus(poll))
                        .executeUpdate();
                return false;
            }
            long base = ((Number) money[0]).longValue() - ((Number) money[1]).longValue();
            long amount = base * ((Number) money[3]).longValue() / 10_000;
            int moved = em.createNativeQuery("update profit_share set base_fen = ?2, amount_fen = ?3, status = ?4, "
                            + "updated_at = now(), finished_at = case when ?4 = 'NOT_NEEDED' then now() end where "
                            + "id = ?1 and status = 'WAITING'")
                    .setParameter(1, id)
                    .setParameter(2, base)
                    .setParameter(3, amount)
                    .setParameter(4, base > 0 ? "REQUESTED" : "NOT_NEEDED")
                    .executeUpdate();
            return moved == 1 && base > 0;
        });
        if (requested) {
            send(id);
        }
    }

    /** Sends (again) or asks about a requested share; the same out_order_no is the same sharing order. */
    private void send(long id) {
        Object[] share = (Object[]) QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("select sub_mchid, transaction_id, out_order_no, amount_fen, status "
                                + "from profit_share where id = ?1")
                        .setParameter(1, id)
                        .getSingleResult());
        String subMchid = (String) share[0];
        String transactionId = (String) share[1];
        String outOrderNo = (String) share[2];
        long amount = ((Number) share[3]).longValue();
        OrdersEntity answer;
        try {
            if ("PROCESSING".equals(share[4])) {
                answer = pay.sharingOrder(subMchid, transactionId, outOrderNo);
            } else if (amount > 0) {
                if (receivers.add(subMchid)) {
                    pay.addPlatformReceiver(subMchid);
                }
                answer = pay.share(subMchid, transactionId, outOrderNo, amount);
            } else {
                answer = pay.release(subMchid, transactionId, outOrderNo);
            }
        } catch (ServiceException e) {
            if ("RECEIVER_INVALID".equals(e.getErrorCode())) {
                receivers.remove(subMchid); // added again on the next try
            }
            if ("NO_AUTH".equals(e.getErrorCode())) {
                // Paid before payments were taken for sharing: nothing is frozen, nothing can be shared.
                QuarkusTransaction.requiringNew().run(() -> finish(id, null, "NOT_NEEDED", e.getErrorMessage()));
                return;
            }
            throw e;
        }
        String state = answer.getState() == OrderStatus.FINISHED ? "FINISHED" : "PROCESSING";
        QuarkusTransaction.requiringNew().run(() -> finish(id, answer.getOrderId(), state, null));
    }

    private void finish(long id, String wechatOrderId, String state, String note) {
        Object[] row = (Object[]) em.createNativeQuery("update profit_share set status = ?2, wechat_order_id = "
                        + "coalesce(nullif(?3, ''), wechat_order_id), last_error = nullif(?4, ''), check_after = ?5, finished_at = case when ?2 in ('FINISHED', 'NOT_NEEDED') then now() end, updated_at = now() "
                        + "where id = ?1 and status not in ('FINISHED', 'NOT_NEEDED') returning amount_fen, status")
                .setParameter(1, id)
                .setParameter(2, state)
                .setParameter(3, wechatOrderId == null ? "" : wechatOrderId)
                .setParameter(4, note == null ? "" : Problem.clip(note, 290))
                .setParameter(5, Instant.now().plus(poll))
                .getResultStream()
                .findFirst()
                .orElse(null);
        if (row != null && "FINISHED".equals(row[1]) && row[0] != null && ((Number) row[0]).longValue() > 0) {
            usage.fire(UsageChanged.add(
                    tenant.require(), UsageChanged.Metric.PLATFORM_FEE_FEN, ((Number) row[0]).longValue()));
        }
    }

    private void failed(long id, RuntimeException e) {
        Log.warnf("profit share %d not settled yet: %s", id, e.getMessage());
        em.createNativeQuery("update profit_share set attempts = attempts + 1, last_error = ?2, check_after = now() + "
                        + "least(interval '1 hour', interval '1 minute' * power(2, least(attempts, 6))), updated_at = "
                        + "now() where id = ?1")
                .setParameter(1, id)
                .setParameter(2, Problem.clip(String.valueOf(e.getMessage()), 290))
                .executeUpdate();
    }
}
