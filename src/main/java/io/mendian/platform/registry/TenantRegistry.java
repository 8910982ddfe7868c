package io.mendian.platform.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.platform.persistence.MiniAppEntity;
import io.mendian.platform.persistence.TenantEntity;
import io.mendian.tenancy.TenantDirectory;
import io.mendian.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The request path's view of the tenant registry, cached for a few seconds so that routing costs no database
 * round trip per request. A suspension takes effect at once on this instance and within the TTL on the others.
 */
@ApplicationScoped
public class TenantRegistry implements TenantDirectory {

    private record Cached<T>(T value, long expiresAt) {
        boolean fresh() {
            return System.nanoTime() < expiresAt;
        }
    }

    private final long ttlNanos;
    private final Map<String, Cached<Standing>> standings = new ConcurrentHashMap<>();
    private final Map<String, Cached<Optional<TenantId>>> appids = new ConcurrentHashMap<>();

    public TenantRegistry(@ConfigProperty(name = "mendian.tenancy.directory-cache-ttl", defaultValue = "5S") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public Standing standing(TenantId tenant) {
        Cached<Standing> cached = standings.get(tenant.value());
        if (cached != null && cached.fresh()) {
            return cached.value();
        }
        Standing fresh = QuarkusTransaction.joiningExisting().call(() -> load(tenant.value()));
        standings.put(tenant.value(), new Cached<>(fresh, System.nanoTime() + ttlNanos));
        return fresh;
    }

    @Override
    public Optional<TenantId> tenantOfAppid(String appid) {
        Cached<Optional<TenantId>> cached = appids.get(appid);
        if (cached != null && cached.fresh()) {
            return cached.value();
        }
        Optional<TenantId> fresh = QuarkusTransaction.joiningExisting().call(() -> Optional.ofNullable(MiniAppEntity.<MiniAppEntity>findById(appid))
                .map(app -> new TenantId(app.tenantId)));
        // Do not cache misses for long: a freshly registered appid must work at once.
        appids.put(appid, new Cached<>(fresh, System.nanoTime() + (fresh.isPresent() ? ttlNanos : ttlNanos / 10)));
        return fresh;
    }

    /** Drops cached answers for a tenant after its status changed on this instance. */
    public void forget(String tenant) {
        standings.remove(tenant);
        appids.values().removeIf(c -> c.value().map(t -> t.value().equals(tenant)).orElse(true));
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
            case ACTIVE -> Standing.ACTIVE;
            case SUSPENDED -> Standing.SUSPENDED;
            case PROVISIONING -> Standing.PROVISIONING;
        };
    }
}
