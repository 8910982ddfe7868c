package io.mendian.inventory.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.tenancy.EveryBrand;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Returns the stock of expired reservations (unpaid orders, transfers never shipped), on Quartz's clustered store so
 * that one instance runs each firing. Exactly-once does not depend on that: each reservation is settled by a guarded
 * status update and picked with {@code SKIP LOCKED}, so even two instances sweeping one brand release it once.
 */
@ApplicationScoped
public class ReservationExpiry {

    private final EveryBrand brands;
    private final Tenants tenants;
    private final Reservations reservations;
    private final int batch;

    public ReservationExpiry(
            EveryBrand brands,
            Tenants tenants,
            Reservations reservations,
            @ConfigProperty(name = "mendian.inventory.expiry-batch", defaultValue = "200") int batch) {
        this.brands = brands;
        this.tenants = tenants;
        this.reservations = reservations;
        this.batch = batch;
    }

    @Scheduled(
            identity = "inventory-reservation-expiry",
            every = "${mendian.inventory.expiry-every:15s}",
            delayed = "${mendian.inventory.expiry-delay:20s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("reservation expiry", tenant -> {
            int released = expire(tenant);
            if (released > 0) {
                Log.infof("released %d expired reservations of %s", released, tenant.value());
            }
        });
    }

    /** Releases every due reservation of the brand, a batch per transaction. */
    public int expire(TenantId tenant) {
        int total = 0;
        int released;
        do {
            released = tenants.runAs(
                    tenant, () -> QuarkusTransaction.requiringNew().call(() -> reservations.expireDue(batch)));
            total += released;
        } while (released == batch);
        return total;
    }
}
