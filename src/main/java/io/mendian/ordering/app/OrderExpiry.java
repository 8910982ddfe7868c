package io.mendian.ordering.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.ordering.PaymentGate;
import io.mendian.tenancy.EveryBrand;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/** Ends orders not paid in time and returns their stock, on Quartz's clustered store (one instance per firing). */
@ApplicationScoped
public class OrderExpiry {

    private static final int BATCH = 200;

    private final EveryBrand brands;
    private final Tenants tenants;
    private final Orders orders;
    private final PaymentGate payments;

    public OrderExpiry(EveryBrand brands, Tenants tenants, Orders orders, PaymentGate payments) {
        this.brands = brands;
        this.tenants = tenants;
        this.orders = orders;
        this.payments = payments;
    }

    @Scheduled(
            identity = "ordering-payment-expiry",
            every = "${mendian.ordering.expiry-every:15s}",
            delayed = "${mendian.ordering.expiry-delay:20s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("order expiry", this::expire);
    }

    /**
     * Expires the brand's unpaid orders past their deadline. Each is first settled with WeChat Pay (its open attempt
     * closed, or found paid) outside any transaction; an order WeChat Pay could not be asked about waits for the next
     * sweep, so no order ends while its customer can still pay it.
     */
    public int expire(TenantId tenant) {
        return tenants.runAs(tenant, () -> {
            java.util.Set<String> waiting = new java.util.HashSet<>();
            int total = 0;
            List<String> due;
            do {
                due = QuarkusTransaction.requiringNew().call(() -> orders.due(BATCH, waiting));
                for (String orderNo : due) {
                    PaymentGate.Settled settled = payments.settleUnpaid(orderNo);
                    if (settled == PaymentGate.Settled.UNPAID) {
                        if (QuarkusTransaction.requiringNew().call(() -> orders.expire(orderNo))) {
                            total++;
                        }
                    } else if (settled == PaymentGate.Settled.UNKNOWN) {
                        waiting.add(orderNo);
                    }
                }
            } while (due.size() == BATCH);
            return total;
        });
    }
}
