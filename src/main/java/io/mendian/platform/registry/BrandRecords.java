package io.mendian.platform.registry;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.platform.registry.persistence.TenantEntity;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantId;

/**
 * The registry's rows as the other platform sub-contexts see them: signup registers and activates a brand, billing
 * follows its plan and standing, the mini-program names it. Nothing outside the registry touches its entity.
 */
@ApplicationScoped
@Transactional
public class BrandRecords {

    /** A brand as the registry holds it. */
    public record BrandRecord(
            String id,
            String name,
            String industry,
            String plan,
            String adminEmail,
            BrandStatus status,
            String statusReason,
            String organizationId) {}

    /** What signup knows about a brand before it exists. */
    public record NewBrand(String id, String name, String industry, String plan, String adminEmail) {}

    private final TenantRegistry registry;
    private final Shards shards;

    public BrandRecords(TenantRegistry registry, Shards shards) {
        this.registry = registry;
        this.shards = shards;
    }

    public Optional<BrandRecord> find(String id) {
        return Optional.ofNullable(TenantEntity.<TenantEntity>findById(id)).map(BrandRecords::record);
    }

    public boolean exists(String id) {
        return TenantEntity.findById(id) != null;
    }

    /** Registers the brand as PROVISIONING, with its own schema on the shard it is placed on. */
    public void register(NewBrand brand) {
        TenantEntity tenant = new TenantEntity();
        tenant.id = brand.id();
        tenant.name = brand.name();
        tenant.industry = brand.industry();
        tenant.plan = brand.plan();
        tenant.adminEmail = brand.adminEmail();
        tenant.status = BrandStatus.PROVISIONING;
        tenant.schemaName = new TenantId(brand.id()).schema();
        tenant.shard = placement();
        tenant.createdAt = now();
        tenant.updatedAt = tenant.createdAt;
        tenant.persist();
    }

    /**
     * The shard open for placement that holds the fewest brands (the default one when none is open): new brands fill
     * the server the operator opened until it is as full as the others (docs/adr/0022).
     */
    private String placement() {
        List<String> open = shards.names().stream().filter(shards::accepting).toList();
        if (open.isEmpty()) {
            return Shards.DEFAULT;
        }
        Map<String, Long> counts = brandsPerShard();
        return open.stream()
                .min(java.util.Comparator.comparingLong((String shard) -> counts.getOrDefault(shard, 0L)))
                .orElseThrow();
    }

    static Map<String, Long> brandsPerShard() {
        Map<String, Long> counts = new HashMap<>();
        TenantEntity.getEntityManager()
                .createQuery("select t.shard, count(t) from TenantEntity t group by t.shard", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    public void setOrganization(String id, String organizationId) {
        TenantEntity tenant = load(id);
        tenant.organizationId = organizationId;
        tenant.updatedAt = now();
    }

    /** The last step of signup: a PROVISIONING brand goes live (any other status is left as it is). */
    public void activate(String id) {
        TenantEntity tenant = load(id);
        if (tenant.status == BrandStatus.PROVISIONING) {
            tenant.status = BrandStatus.ACTIVE;
            tenant.updatedAt = now();
        }
        registry.forget(id);
    }

    /** The plan the brand is on, as billing last set it (the registry keeps it for the operator's lists). */
    public void setPlan(String id, String plan) {
        TenantEntity tenant = load(id);
        tenant.plan = plan;
        tenant.updatedAt = now();
    }

    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new TreeMap<>();
        TenantEntity.getEntityManager()
                .createQuery("select t.status, count(t) from TenantEntity t group by t.status", Object[].class)
                .getResultList()
                .forEach(row -> counts.put(((BrandStatus) row[0]).name(), (Long) row[1]));
        return counts;
    }

    private static TenantEntity load(String id) {
        TenantEntity tenant = TenantEntity.findById(id);
        if (tenant == null) {
            throw new IllegalStateException("brand " + id + " is not in the registry");
        }
        return tenant;
    }

    private static BrandRecord record(TenantEntity t) {
        return new BrandRecord(
                t.id, t.name, t.industry, t.plan, t.adminEmail, t.status, t.statusReason, t.organizationId);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
