package io.mendian.platform.registry.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessFilter;
import io.mendian.platform.registry.ShardMoveView;
import io.mendian.platform.registry.ShardMoves;
import io.mendian.platform.registry.TenantAdministration;
import io.mendian.platform.registry.TenantView;
import io.mendian.tenancy.TenantId;
import io.quarkus.security.identity.SecurityIdentity;

/** Moving a brand between database shards (docs/operations/shards.md). */
@Path("/api/platform/tenants/{tenant}/moves")
@Tag(name = "Operator: shards")
@RolesAllowed(AccessFilter.OPERATOR_ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OperatorMoveResource {

    private final ShardMoves moves;
    private final TenantAdministration tenants;
    private final SecurityIdentity identity;

    public OperatorMoveResource(ShardMoves moves, TenantAdministration tenants, SecurityIdentity identity) {
        this.moves = moves;
        this.tenants = tenants;
        this.identity = identity;
    }

    @POST
    @Operation(
            summary = "Move a brand to another shard",
            description = "Runs in the background: the brand is read-only for a moment (writes answer 503 "
                    + "brand-moving), its schema is copied and verified, the registry switches, and the old schema is "
                    + "renamed aside. 202 with the move; follow it with GET .../moves. 409 when the brand is already "
                    + "there, being moved, or being migrated (schema-busy: ask again shortly).")
    public Response move(@PathParam("tenant") String tenant, @Valid @NotNull ShardMoveRequest request) {
        ShardMoveView move =
                moves.request(tenant, request.shard(), identity.getPrincipal().getName());
        tenants.audit(identity.getPrincipal().getName(), "tenant.move", tenant, "to shard " + request.shard());
        return Response.accepted(move).build();
    }

    @GET
    @Operation(summary = "A brand's moves between shards, newest first (the last 20)")
    public List<ShardMoveView> moves(@PathParam("tenant") String tenant) {
        TenantView brand = tenants.get(tenant); // 404 for an unknown brand, as everywhere else
        return moves.of(new TenantId(brand.id()));
    }
}
