package io.mendian.platform.registry;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.platform.registry.persistence.TenantEntity;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantId;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/** The operator's view and levers over the tenant registry (P2). Every change is audited. */
@ApplicationScoped
@Transactional
public class TenantAdministration {

    private final TenantRegistry registry;
    private final SubscriptionSummaries subscriptions;
    private final Shards shards;

    public TenantAdministration(TenantRegistry registry, SubscriptionSummaries subscriptions, Shards shards) {
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.shards = shards;
    }

    /** Every shard with its placement flag and the number of brands it holds. */
    public List<ShardView> shards() {
        Map<String, Long> counts = BrandRecords.brandsPerShard();
        return shards.names().stream()
                .map(name -> new ShardView(name, shards.accepting(name), counts.getOrDefault(name, 0L)))
                .toList();
    }

    /** One line of the operator's audit log. */
    public void audit(String actor, String action, String tenant, String detail) {
        TenantEntity.getEntityManager()
                .createNativeQuery(
                        "insert into platform.operator_audit (actor, action, tenant_id, detail) values (?1, ?2, ?3, ?4)")
                .setParameter(1, actor)
                .setParameter(2, action)
                .setParameter(3, tenant)
                .setParameter(4, detail)
                .executeUpdate();
    }

    public Page<TenantView> search(String query, String statusFilter, PageRequest page) {
        BrandStatus status = io.mendian.web.QueryParams.enumValue("status", statusFilter, BrandStatus.class);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (query != null && !query.isBlank()) {
            where.append(
                    " and (lower(id) like :q escape '\\' or lower(name) like :q escape '\\' or lower(adminEmail) like :q escape '\\')");
            params.put("q", io.mendian.web.QueryParams.containsPattern(query));
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        var found = TenantEntity.<TenantEntity>find(where + " order by createdAt desc, id", params);
        long total = found.count();
        var items = found.page(page.page(), page.size()).list().stream()
                .map(this::view)
                .toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    public TenantView get(String id) {
        return view(load(id));
    }

    public TenantView suspend(String id, String reason, String actor) {
        TenantEntity tenant = load(id);
        if (tenant.status != BrandStatus.ACTIVE) {
            throw ProblemException.conflict(
                    "invalid-status-change", "only an ACTIVE brand can be suspended; " + id + " is " + tenant.status);
        }
        return change(tenant, BrandStatus.SUSPENDED, reason, actor, "tenant.suspend");
    }

    public TenantView resume(String id, String reason, String actor) {
        TenantEntity tenant = load(id);
        if (tenant.status != BrandStatus.SUSPENDED) {
            throw ProblemException.conflict(
                    "invalid-status-change", "only a SUSPENDED brand can be resumed; " + id + " is " + tenant.status);
        }
        return change(tenant, BrandStatus.ACTIVE, reason, actor, "tenant.resume");
    }

    private TenantView change(TenantEntity tenant, BrandStatus next, String reason, String actor, String action) {
        tenant.status = next;
        tenant.statusReason = reason;
        tenant.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        audit(actor, action, tenant.id, reason);
        TenantEntity.flush();
        registry.forget(tenant.id);
        return view(tenant);
    }

    private static TenantEntity load(String id) {
        TenantEntity tenant = id == null ? null : TenantEntity.findById(id);
        if (tenant == null) {
            throw ProblemException.notFound("tenant " + io.mendian.web.Problem.clip(id));
        }
        return tenant;
    }

    private TenantView view(TenantEntity t) {
        SubscriptionSummaries.Summary sub = subscriptions.of(new TenantId(t.id)).orElse(null);
        return new TenantView(
                t.id,
                t.name,
                t.industry,
                t.plan,
                t.status.name(),
                t.statusReason,
                t.adminEmail,
                t.schemaName,
                t.shard,
                t.migrationVersion,
                t.migrationError,
                t.migratedAt,
                sub == null ? null : sub.status(),
                sub == null ? null : sub.trialEndsAt(),
                t.createdAt,
                t.updatedAt);
    }
}
