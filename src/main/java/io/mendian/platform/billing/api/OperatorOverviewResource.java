package io.mendian.platform.billing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessFilter;
import io.mendian.platform.billing.Overview;
import io.mendian.platform.billing.PlatformOverview;
import io.mendian.platform.registry.PlatformMigrations;

/** The SaaS operator's dashboard: brands and subscriptions by status, MRR, and the migration report. */
@Path("/api/platform")
@Tag(name = "Operator: tenants")
@RolesAllowed(AccessFilter.OPERATOR_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class OperatorOverviewResource {

    private final Overview overview;
    private final PlatformMigrations migrations;

    public OperatorOverviewResource(Overview overview, PlatformMigrations migrations) {
        this.overview = overview;
        this.migrations = migrations;
    }

    @GET
    @Path("/health/migrations")
    @Operation(
            summary =
                    "Schema migrations on this instance: tenants migrated, unchanged, quarantined, and the error if any",
            description = "The detail behind the anonymous readiness probe, which only says UP or DOWN.")
    public PlatformMigrations.Report migrations() {
        return migrations.report();
    }

    @GET
    @Path("/overview")
    @Operation(summary = "Brands by status, subscriptions by status, MRR and trial MRR (fen)")
    public PlatformOverview get() {
        return overview.compute();
    }
}
