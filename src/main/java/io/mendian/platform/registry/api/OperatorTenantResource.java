package io.mendian.platform.registry.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessFilter;
import io.mendian.platform.registry.TenantAdministration;
import io.mendian.platform.registry.TenantView;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.identity.SecurityIdentity;

/** The SaaS operator's tenant console (P2). */
@Path("/api/platform/tenants")
@Tag(name = "Operator: tenants")
@RolesAllowed(AccessFilter.OPERATOR_ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OperatorTenantResource {

    private final TenantAdministration tenants;
    private final SecurityIdentity identity;

    public OperatorTenantResource(TenantAdministration tenants, SecurityIdentity identity) {
        this.tenants = tenants;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Search brands", description = "Paged; q matches slug, name or admin e-mail.")
    public Page<TenantView> search(
            @BeanParam PageRequest page,
            @QueryParam("q") String query,
            @Parameter(description = "PROVISIONING, ACTIVE or SUSPENDED") @QueryParam("status") String status) {
        return tenants.search(QueryParams.text("q", query, 100), status, page);
    }

    @GET
    @Path("/{tenant}")
    @Operation(summary = "One brand with plan, status and migration version")
    public TenantView get(@PathParam("tenant") String tenant) {
        return tenants.get(tenant);
    }

    @POST
    @Path("/{tenant}/suspend")
    @Operation(summary = "Suspend a brand", description = "Its staff and consumers get 403 problems; its data is kept.")
    public TenantView suspend(@PathParam("tenant") String tenant, @Valid @NotNull StatusChange change) {
        return tenants.suspend(tenant, change.reason(), identity.getPrincipal().getName());
    }

    @POST
    @Path("/{tenant}/resume")
    @Operation(summary = "Resume a suspended brand")
    public TenantView resume(@PathParam("tenant") String tenant, @Valid @NotNull StatusChange change) {
        return tenants.resume(tenant, change.reason(), identity.getPrincipal().getName());
    }
}
