package io.mendian.store.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessPolicy;
import io.mendian.identity.Caller;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.store.app.StoreAdministration;
import io.mendian.store.domain.StoreStatus;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

@Path("/api/hq/stores")
@Tag(name = "HQ: stores")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HqStoreResource {

    private final StoreAdministration stores;
    private final AccessPolicy policy;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqStoreResource(
            StoreAdministration stores, AccessPolicy policy, CurrentCaller caller, Idempotency idempotency) {
        this.stores = stores;
        this.policy = policy;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.STORE_READ)
    @Operation(
            summary = "List stores",
            description = "Paged; region managers see only the stores of their region subtree.")
    public Page<StoreView> list(
            @BeanParam PageRequest page,
            @Parameter(description = "PREPARING, OPEN, PAUSED or CLOSED") @QueryParam("status") String status,
            @Parameter(description = "Region id; includes its subtree") @QueryParam("regionId") String regionId,
            @Parameter(description = "Substring of name or code") @QueryParam("q") String query) {
        return stores.list(
                policy.storeFilter(caller.get(), Capability.STORE_READ),
                QueryParams.enumValue("status", status, StoreStatus.class),
                QueryParams.positiveLong("regionId", regionId),
                QueryParams.text("q", query, 100),
                page);
    }

    @GET
    @Path("/{id}")
    @Requires(Capability.STORE_READ)
    @Operation(summary = "Get one store")
    public StoreView get(@PathParam("id") long id) {
        policy.requireStore(caller.get(), Capability.STORE_READ, id);
        return stores.get(id);
    }

    @POST
    @Requires(Capability.STORE_MANAGE)
    @Operation(
            summary = "Create a store",
            description = "Send an Idempotency-Key; a retry with the same key returns the first result.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull StoreRequest request) {
        Caller who = caller.get();
        policy.requirePlacement(who, Capability.STORE_MANAGE, request.regionId());
        return idempotency.run(
                key, "store.create", request, Response.Status.CREATED, () -> stores.create(request, who.username()));
    }

    @PUT
    @Path("/{id}")
    @Requires(Capability.STORE_MANAGE)
    @Operation(
            summary = "Replace a store's fields and status",
            description = "Send the version you read to detect concurrent edits (409).")
    public StoreView replace(@PathParam("id") long id, @Valid @NotNull StoreRequest request) {
        Caller who = caller.get();
        policy.requireStore(who, Capability.STORE_MANAGE, id);
        policy.requirePlacement(who, Capability.STORE_MANAGE, request.regionId());
        return stores.replace(id, request, who.username());
    }
}
