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

    /**
     * Expires every lapsed hold of the brand, each in its own transaction: giving back one appointment's cells at a
     * time keeps the order in which every booking takes them (items before people, cells in time order), so the sweep
     * never deadlocks with a booking. Returns how many this call expired.
     */
    public int expire(TenantId tenant) {
        int total = 0;
        List<Long> due;
        do {
            due = tenants.runAs(tenant, () -> QuarkusTransaction.requiringNew().call(this::due));
            for (long id : due) {
                total += tenants.runAs(
                        tenant, () -> QuarkusTransaction.requiringNew().call(() -> expireOne(id)));
            }
        } while (due.size() == batch);
        return total;
    }

    private List<Long> due() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from appointment where status = 'HELD' and "
                        + "hold_expires_at <= now() order by hold_expires_at limit ?1")
                .setParameter(1, batch)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** 1 when this call expired it; 0 when another sweeper, a confirmation or a cancel got there first. */
    private int expireOne(long id) {
        @SuppressWarnings("unchecked")
        List<Number> mine = em.createNativeQuery("select id from appointment where id = ?1 and status = 'HELD' and "
                        + "hold_expires_at <= now() for update skip locked")
                .setParameter(1, id)
                .getResultList();
        if (mine.isEmpty()) {
            return 0;
        }
        Row row = rows.lock(id, null, null);
        if (!rows.move(id, List.of(AppointmentStatus.HELD), AppointmentStatus.EXPIRED, "hold lapsed", 0)) {
            return 0;
        }
        placement.give(row);
        rows.event(id, "EXPIRED", "system:expiry", null);
        return 1;
    }
}
