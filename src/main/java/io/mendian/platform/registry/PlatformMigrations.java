package io.mendian.platform.registry;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.platform.registry.persistence.TenantEntity;
import io.mendian.tenancy.LiquibaseRunner;
import io.mendian.tenancy.Schemas;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.TenantMigrator;
import io.mendian.tenancy.TenantMigrator.Outcome;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * At startup: migrates the platform schema, creates the empty fail-closed schema, then migrates every tenant
 * schema whose changelog fingerprint changed. A tenant that fails is quarantined (its requests get 503) and the
 * others carry on; readiness reports the result.
 */
@ApplicationScoped
public class PlatformMigrations {

    public static final String PLATFORM_CHANGELOG = "db/platform/changelog.xml";
    public static final String SHARD_CHANGELOG = "db/shard/changelog.xml";

    /** What readiness reports. */
    public record Report(
            boolean done,
            String platformVersion,
            int tenants,
            int migrated,
            int skipped,
            List<String> quarantined,
            long millis,
            String error) {}

    private final LiquibaseRunner liquibase;
    private final TenantMigrator migrator;
    private final Shards shards;
    private final AtomicReference<Report> report =
            new AtomicReference<>(new Report(false, null, 0, 0, 0, List.of(), 0, null));

    private final boolean migrateOnly;

    public PlatformMigrations(
            LiquibaseRunner liquibase,
            TenantMigrator migrator,
            Shards shards,
            @ConfigProperty(name = "mendian.migrate-only", defaultValue = "false") boolean migrateOnly) {
        this.liquibase = liquibase;
        this.migrator = migrator;
        this.shards = shards;
        this.migrateOnly = migrateOnly;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        long start = System.nanoTime();
        String platformVersion;
        try {
            platformVersion = liquibase.update(Schemas.PLATFORM, PLATFORM_CHANGELOG);
            liquibase.createEmptySchema(Schemas.NO_TENANT);

        } catch (RuntimeException e) {
            Log.error("platform schema migration failed; the application is not ready", e);
            report.set(new Report(true, null, 0, 0, 0, List.of(), 0, e.getMessage()));
            exitIfMigratingOnly(1);
            return;
        }
        Set<String> away = migrateShards();
        Map<TenantId, String> recorded = QuarkusTransaction.requiringNew().call(() -> {
            Map<TenantId, String> map = new LinkedHashMap<>();
            TenantEntity.<TenantEntity>listAll().stream()
                    // A brand whose server is away keeps its last migration state: it is not broken, only
                    // unreachable, and is migrated at the next start that reaches it.
                    .filter(t -> !away.contains(t.shard))
                    .forEach(t -> map.put(new TenantId(t.id), t.migrationFingerprint));
            return map;
        });
        List<Outcome> outcomes = migrator.migrateAll(recorded);
        outcomes.stream().filter(o -> !o.skipped()).forEach(this::record);
        List<String> quarantined = QuarkusTransaction.requiringNew()
                .call(() -> TenantEntity.<TenantEntity>list("migrationError is not null").stream()
                        .map(t -> t.id)
                        .toList());
        long millis = (System.nanoTime() - start) / 1_000_000;
        int skipped = (int) outcomes.stream().filter(Outcome::skipped).count();
        report.set(new Report(
                true, platformVersion, outcomes.size(), outcomes.size() - skipped, skipped, quarantined, millis, null));
        Log.infof(
                "migrations done in %d ms: %d tenants, %d migrated, %d unchanged, quarantined %s",
                millis, outcomes.size(), outcomes.size() - skipped, skipped, quarantined);
        exitIfMigratingOnly(0);
    }

    /**
     * Every shard besides the default one gets the outbox and consumed-event tables its brands' transactions write.
     * Returns the shards that could not be reached: one server down must not keep the others' brands from starting.
     */
    private Set<String> migrateShards() {
        Set<String> away = new HashSet<>();
        for (String shard : shards.names()) {
            if (Shards.DEFAULT.equals(shard)) {
                continue;
            }
            try {
                liquibase.update(shards.dataSource(shard), Schemas.PLATFORM, SHARD_CHANGELOG);
            } catch (RuntimeException e) {
                Log.errorf(
                        "shard %s could not be migrated; its brands are skipped until it is: %s",
                        shard, e.getMessage());
                away.add(shard);
            }
        }
        return away;
    }

    /**
     * The upgrade's migration Job runs the new image only to migrate: it exits with 1 when the platform schema failed
     * (the upgrade stops and the old pods keep serving), else 0, also when a brand was quarantined: as at any startup,
     * that brand answers 503 until fixed while the others move on (the Job's log names it).
     */
    private void exitIfMigratingOnly(int code) {
        if (migrateOnly) {
            Log.infof("migrate-only run finished; exiting with %d", code);
            Quarkus.asyncExit(code);
        }
    }

    /** Writes a tenant's migration outcome to the registry; a failure quarantines the tenant. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Outcome outcome) {
        TenantEntity tenant = TenantEntity.findById(outcome.tenant().value());
        if (tenant == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (outcome.failed()) {
            tenant.migrationError = clip(outcome.error());
        } else {
            tenant.migrationError = null;
            tenant.migrationVersion = outcome.version();
            tenant.migrationFingerprint = outcome.fingerprint();
            tenant.migratedAt = now;
        }
        tenant.updatedAt = now;
    }

    public Report report() {
        return report.get();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
