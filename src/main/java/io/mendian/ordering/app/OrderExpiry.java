package io.mendian.ordering.app;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.tenancy.TenantDirectory;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/** Ends orders not paid in time and returns their stock, on Quartz's clustered store (one instance per firing). */
@ApplicationScoped
public class OrderExpiry {

    private static final int BATCH = 200;

    private final TenantDirectory directory;
    private final Tenants tenants;
    private final Orders orders;

    public OrderExpiry(TenantDirectory directory, Tenants tenants, Orders orders) {
        this.directory = directory;
        this.tenants = tenants;
        this.orders = orders;
    }

    @Scheduled(
            identity = "ordering-payment-expiry",
            every = "${mendian.ordering.expiry-every:15s}",
            delayed = "${mendian.ordering.expiry-delay:20s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (TenantId tenant : directory.serving()) {
            try {
                expire(tenant);
            } catch (RuntimeException e) {
                Log.warnf(e, "order expiry failed for %s", tenant.value());
            }
        }
    }

    public int expire(TenantId tenant) {
        int total = 0;
        int expired;
        do {
            expired = tenants.runAs(
                    tenant, () -> QuarkusTransaction.requiringNew().call(() -> orders.expireDue(BATCH)));
            total += expired;
        } while (expired == BATCH);
        return total;
    }
}
