package io.mendian.platform.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessFilter;
import io.mendian.platform.registry.Overview;

/** The SaaS operator's dashboard: brands and subscriptions by status, and MRR. */
@Path("/api/platform/overview")
@Tag(name = "Operator: tenants")
@RolesAllowed(AccessFilter.OPERATOR_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class OperatorOverviewResource {

    private final Overview overview;

    public OperatorOverviewResource(Overview overview) {
        this.overview = overview;
    }

    @GET
    @Operation(summary = "Brands by status, subscriptions by status, MRR and trial MRR (fen)")
    public PlatformOverview get() {
        return overview.compute();
    }
}
