package io.mendian.platform.registry.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessFilter;
import io.mendian.platform.registry.ShardView;
import io.mendian.platform.registry.TenantAdministration;

/** The operator's database shards (docs/operations/shards.md). */
@Path("/api/platform/shards")
@Tag(name = "Operator: shards")
@RolesAllowed(AccessFilter.OPERATOR_ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OperatorShardResource {

    private final TenantAdministration tenants;

    public OperatorShardResource(TenantAdministration tenants) {
        this.tenants = tenants;
    }

    @GET
    @Operation(
            summary = "Database shards",
            description = "Every configured PostgreSQL server brands live on, whether new brands are placed there, "
                    + "and how many brands it holds.")
    public List<ShardView> shards() {
        return tenants.shards();
    }
}
