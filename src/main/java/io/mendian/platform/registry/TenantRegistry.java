package io.mendian.platform.registry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.messaging.ClusterSignals;
import io.mendian.platform.registry.persistence.TenantEntity;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantDirectory;
import io.mendian.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The request path's view of the tenant registry, cached for a few seconds so that routing costs no database
 * round trip per request. A suspension takes effect at once on this instance and within the TTL on the others.
 */
@ApplicationScoped
public class TenantRegistry implements TenantDirectory {

    private static final String SIGNAL = "registry";

    private final TtlCache<String, Standing> standings;
    private final TtlCache<String, String> shards;
    private final TtlCache<String, Optional<TenantId>> appids;
    private final AppidOwners appidOwners;
    private final ClusterSignals signals;

    public TenantRegistry(
            @ConfigProperty(name = "mendian.tenancy.directory-cache-ttl", defaultValue = "5S") Duration ttl,
            AppidOwners appidOwners,
            ClusterSignals signals) {
        this.signals = signals;
        this.appidOwners = appidOwners;
        long ttlNanos = ttl.toNanos();
        this.standings = new TtlCache<>(standing -> ttlNanos, 100_000);
        this.shards = new TtlCache<>(shard -> ttlNanos, 100_000);
        // Do not cache misses for long: a freshly registered appid must work at once.
        this.appids = new TtlCache<>(owner -> owner.isPresent() ? ttlNanos : ttlNanos / 10, 100_000);
        signals.onKey(SIGNAL, this::drop, () -> {
            standings.clear();
            shards.clear();
            appids.clear();
        });
    }

    @Override
    public Standing standing(TenantId tenant) {
        // In a transaction of its own: a brand's transaction on another shard must never enlist this server too.
        return standings.get(
                tenant.value(), () -> QuarkusTransaction.requiringNew().call(() -> load(tenant.value())));
    }

    @Override
    public String shardOf(TenantId tenant) {
        return shards.get(
                tenant.value(),
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    TenantEntity row = TenantEntity.findById(tenant.value());
                    return row == null ? Shards.DEFAULT : row.shard;
                }));
    }

    @Override
    public Optional<TenantId> tenantOfAppid(String appid) {
        return appids.get(appid, () -> QuarkusTransaction.requiringNew().call(() -> appidOwners.ownerOf(appid)));
    }

    @Override
    public List<TenantId> serving() {
        return QuarkusTransaction.joiningExisting()
                .call(() -> TenantEntity.getEntityManager()
                        .createQuery(
                                "select t.id from TenantEntity t where t.status in :live and t.migrationError is null "
                                        + "and t.moving = false order by t.id",
                                String.class)
                        .setParameter("live", List.of(BrandStatus.ACTIVE, BrandStatus.SUSPENDED))
                        .getResultList()
                        .stream()
                        .map(TenantId::new)
                        .toList());
    }

    /**
     * Drops cached answers for a tenant after its status or appids changed, once that change commits: here at once,
     * on the other instances through their cluster signal (within the TTL should that be lost).
     */
    public void forget(String tenant) {
        signals.send(SIGNAL, tenant);
    }

    /** Marks a brand read-only while it is moved to another shard, or writable again; heard by every instance. */
    public void setMoving(TenantId brand, boolean moving) {
        QuarkusTransaction.requiringNew().run(() -> {
            TenantEntity.<TenantEntity>findById(brand.value()).moving = moving;
        });
        forget(brand.value());
    }

    /** Points a brand at the shard its schema now lives on; heard by every instance. */
    public void setShard(TenantId brand, String shard) {
        QuarkusTransaction.requiringNew().run(() -> {
            TenantEntity.<TenantEntity>findById(brand.value()).shard = shard;
        });
        forget(brand.value());
    }

    private void drop(String tenant) {
        standings.remove(tenant);
        shards.remove(tenant);
        appids.removeValues(owner -> owner.map(t -> t.value().equals(tenant)).orElse(true));
    }

    private static Standing load(String id) {
        TenantEntity tenant = TenantEntity.findById(id);
        if (tenant == null) {
            return Standing.UNKNOWN;
        }
        if (tenant.migrationError != null) {
            return Standing.QUARANTINED;
        }
        return switch (tenant.status) {
            case ACTIVE -> tenant.moving ? Standing.MOVING : Standing.ACTIVE;
            case SUSPENDED -> tenant.moving ? Standing.SUSPENDED_MOVING : Standing.SUSPENDED;
            case PROVISIONING -> Standing.PROVISIONING;
        };
    }
}
