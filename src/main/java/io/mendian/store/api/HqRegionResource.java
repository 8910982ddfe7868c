package io.mendian.store.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessPolicy;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.store.app.RegionAdministration;
import io.mendian.web.Idempotency;
import io.quarkus.security.Authenticated;

@Path("/api/hq/regions")
@Tag(name = "HQ: regions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HqRegionResource {

    private final RegionAdministration regions;
    private final AccessPolicy policy;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqRegionResource(
            RegionAdministration regions, AccessPolicy policy, CurrentCaller caller, Idempotency idempotency) {
        this.regions = regions;
        this.policy = policy;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.REGION_READ)
    @Operation(
            summary = "The region tree (flat, with parentId)",
            description = "Region managers see their subtree only.")
    public List<RegionView> list() {
        return regions.list(policy.storeFilter(caller.get(), Capability.REGION_READ));
    }

    @POST
    @Requires(Capability.REGION_MANAGE)
    @Operation(summary = "Create a region", description = "Send an Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull RegionRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "region.create", request, Response.Status.CREATED, () -> regions.create(request, who));
    }

    @PUT
    @Path("/{id}")
    @Requires(Capability.REGION_MANAGE)
    @Operation(summary = "Rename or move a region")
    public RegionView replace(@PathParam("id") long id, @Valid @NotNull RegionRequest request) {
        return regions.replace(id, request, caller.get().username());
    }

    @DELETE
    @Path("/{id}")
    @Requires(Capability.REGION_MANAGE)
    @Operation(summary = "Delete an empty region")
    public Response delete(@PathParam("id") long id) {
        regions.delete(id);
        return Response.noContent().build();
    }
}
