package io.mendian.platform.registry;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the platform schema is migrated and every tenant schema was attempted. Quarantined tenants do not make
 * the instance unready: the other brands must keep working. Anyone can read this probe, so it says UP or DOWN and
 * nothing else (no brand slugs, no migration errors); operators read the detail at
 * {@code GET /api/platform/health/migrations}.
 */
@Readiness
@ApplicationScoped
public class MigrationReadiness implements HealthCheck {

    private final PlatformMigrations migrations;

    public MigrationReadiness(PlatformMigrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public HealthCheckResponse call() {
        var report = migrations.report();
        return HealthCheckResponse.named("schema-migrations")
                .status(report.done() && report.error() == null)
                .build();
    }
}
