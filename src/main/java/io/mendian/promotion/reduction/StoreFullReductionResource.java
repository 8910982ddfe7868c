package io.mendian.promotion.reduction;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** The store's full reductions (S6): what applies here, and the store's own proposals under HQ's policy. */
@Path("/api/store/{storeId}/full-reductions")
@Tag(name = "Store console: marketing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreFullReductionResource {

    private final FullReductions reductions;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public StoreFullReductionResource(FullReductions reductions, CurrentCaller caller, Idempotency idempotency) {
        this.reductions = reductions;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.STORE_MARKETING)
    @Operation(summary = "Full reductions at the store (HQ's and its own) and its proposals, newest first")
    public Page<FullReductionView> list(@PathParam("storeId") long storeId, @BeanParam PageRequest page) {
        return reductions.atStore(storeId, page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.STORE_MARKETING)
    @Operation(
            summary = "Propose a full reduction for this store",
            description = "At this store only, whatever stores the body names. Live at once when HQ's policy is AUTO, "
                    + "else PENDING until HQ decides (audited). Send an Idempotency-Key.")
    public Response propose(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull FullReductionRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key,
                "reduction.propose:" + storeId,
                request,
                Response.Status.CREATED,
                () -> reductions.propose(storeId, request, who));
    }

    @POST
    @Path("/{reductionId}/end")
    @Requires(Capability.STORE_MARKETING)
    @Operation(summary = "End (or withdraw) one of the store's own full reductions", description = "404 for any other.")
    public FullReductionView end(@PathParam("storeId") long storeId, @PathParam("reductionId") String reductionId) {
        return reductions.end(
                QueryParams.requiredId("reductionId", reductionId),
                storeId,
                caller.get().username());
    }
}
