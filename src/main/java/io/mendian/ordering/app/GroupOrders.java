package io.mendian.ordering.app;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.ordering.PaymentGate;
import io.mendian.promotion.PromotionApi;
import io.mendian.tenancy.EveryBrand;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Group-buy teams that did not form in time (C7): the team fails and every order holding a seat is cancelled, the paid
 * ones refunded in full. Runs on Quartz's clustered store; the team's OPEN to FAILED transition happens in the same
 * transaction as the refunds and only once, so a second instance or a retry refunds nothing twice.
 */
@ApplicationScoped
public class GroupOrders {

    static final String ACTOR = "system:group-buy";
    private static final int BATCH = 100;

    private final EveryBrand brands;
    private final Tenants tenants;
    private final PromotionApi promotions;
    private final PaymentGate payments;
    private final Orders orders;
    private final StoreOrders storeOrders;
    private final EntityManager em;

    public GroupOrders(
            EveryBrand brands,
            Tenants tenants,
            PromotionApi promotions,
            PaymentGate payments,
            Orders orders,
            StoreOrders storeOrders,
            EntityManager em) {
        this.brands = brands;
        this.tenants = tenants;
        this.promotions = promotions;
        this.payments = payments;
        this.orders = orders;
        this.storeOrders = storeOrders;
        this.em = em;
    }

    @Scheduled(
            identity = "ordering-group-buy-expiry",
            every = "${mendian.ordering.group-expiry-every:30s}",
            delayed = "${mendian.ordering.expiry-delay:20s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("group-buy expiry", this::failExpired);
    }

    /**
     * Fails the brand's teams past their deadline. Unpaid seats are first settled with WeChat Pay outside any
     * transaction (as order expiry does), so that nobody pays an order after it was cancelled; a team whose payments
     * WeChat Pay could not confirm waits for the next run.
     */
    public int failExpired(TenantId tenant) {
        return tenants.runAs(tenant, () -> {
            Set<Long> waiting = new HashSet<>();
            int failed = 0;
            List<Long> due;
            do {
                due = promotions.dueGroupTeams(BATCH, waiting);
                for (long team : due) {
                    if (!settled(team)) {
                        waiting.add(team);
                    } else if (QuarkusTransaction.requiringNew().call(() -> fail(team))) {
                        failed++;
                    } else {
                        waiting.add(team); // formed or failed meanwhile: nothing to do
                    }
                }
            } while (due.size() == BATCH);
            return failed;
        });
    }

    private boolean settled(long team) {
        List<String> unpaid = QuarkusTransaction.requiringNew().call(() -> unpaid(team));
        return unpaid.stream().noneMatch(no -> payments.settleUnpaid(no) == PaymentGate.Settled.UNKNOWN);
    }

    @SuppressWarnings("unchecked")
    private List<String> unpaid(long team) {
        return em.createNativeQuery("select order_no from customer_order where order_no = any(cast(?1 as varchar[])) "
                        + "and status = 'PENDING_PAYMENT'")
                .setParameter(1, promotions.groupTeamOrders(team).toArray(String[]::new))
                .getResultList();
    }

    /** One team, in one transaction: its orders are locked first (a payment locks the order, then the team). */
    boolean fail(long team) {
        List<String> seated = promotions.groupTeamOrders(team);
        em.createNativeQuery("select id from customer_order where order_no = any(cast(?1 as varchar[])) order by id "
                        + "for update")
                .setParameter(1, seated.toArray(String[]::new))
                .getResultList();
        if (!promotions.failGroupTeam(team)) {
            return false;
        }
        String why = "the group-buy team did not form in time";
        for (String orderNo : seated) {
            if (!orders.cancelUnpaid(orderNo, ACTOR, why)) {
                storeOrders.cancelPaid(orderNo, why, ACTOR);
            }
        }
        return true;
    }
}
