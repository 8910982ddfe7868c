package io.mendian.platform.registry;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the platform schema is migrated and every tenant schema was attempted. Quarantined tenants are listed
 * but do not make the instance unready: the other brands must keep working.
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
        var response = HealthCheckResponse.named("schema-migrations")
                .status(report.done() && report.error() == null)
                .withData("tenants", report.tenants())
                .withData("migrated", report.migrated())
                .withData("unchanged", report.skipped())
                .withData("quarantined", String.join(",", report.quarantined()))
                .withData("millis", report.millis());
        if (report.platformVersion() != null) {
            response.withData("platformVersion", report.platformVersion());
        }
        if (report.error() != null) {
            response.withData("error", report.error());
        }
        return response.build();
    }
}
