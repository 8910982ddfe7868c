package io.mendian.booking.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.booking.app.AppointmentRows.Row;
import io.mendian.booking.domain.AppointmentStatus;
import io.mendian.tenancy.EveryBrand;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Lapsed holds give their place back exactly once: picked with {@code SKIP LOCKED} and settled by a guarded status
 * update, so two instances (or a member confirming at the last second) never give a place back twice. Also forgets
 * capacity cells of the past.
 */
@ApplicationScoped
public class HoldExpiry {

    private final EveryBrand brands;
    private final Tenants tenants;
    private final EntityManager em;
    private final AppointmentRows rows;
    private final Placement placement;
    private final Capacity capacity;
    private final int batch;

    public HoldExpiry(
            EveryBrand brands,
            Tenants tenants,
            EntityManager em,
            AppointmentRows rows,
            Placement placement,
            Capacity capacity,
            @ConfigProperty(name = "mendian.booking.expiry-batch", defaultValue = "200") int batch) {
        this.brands = brands;
        this.tenants = tenants;
        this.em = em;
        this.rows = rows;
        this.placement = placement;
        this.capacity = capacity;
        this.batch = batch;
    }

    @Scheduled(
            identity = "booking-hold-expiry",
            every = "${mendian.booking.expiry-every:15s}",
            delayed = "${mendian.booking.expiry-delay:20s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("booking hold expiry", tenant -> {
            int expired = expire(tenant);
            if (expired > 0) {
                Log.infof("released %d lapsed booking holds of %s", expired, tenant.value());
            }
            tenants.runAs(
                    tenant,
                    () -> QuarkusTransaction.requiringNew()
                            .call(() -> capacity.forgetBefore(Instant.now().minus(Duration.ofDays(2)))));
        });
    }

    /** Expires every lapsed hold of the brand, a batch per transaction; how many this call expired. */
    public int expire(TenantId tenant) {
        int total = 0;
        int expired;
        do {
            expired = tenants.runAs(
                    tenant, () -> QuarkusTransaction.requiringNew().call(this::expireDue));
            total += expired;
        } while (expired == batch);
        return total;
    }

    private int expireDue() {
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery("select id from appointment where status = 'HELD' and "
                        + "hold_expires_at <= now() order by hold_expires_at limit ?1 for update skip locked")
                .setParameter(1, batch)
                .getResultList();
        int expired = 0;
        for (Number id : due) {
            Row row = rows.lock(id.longValue(), null, null);
            if (rows.move(row.id(), List.of(AppointmentStatus.HELD), AppointmentStatus.EXPIRED, "hold lapsed", 0)) {
                placement.give(row);
                rows.event(row.id(), "EXPIRED", "system:expiry", null);
                expired++;
            }
        }
        return expired;
    }
}
