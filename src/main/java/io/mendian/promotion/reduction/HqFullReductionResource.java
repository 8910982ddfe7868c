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
import jakarta.ws.rs.QueryParam;
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
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's full reductions (X2): "spend X, save Y" activities, created for a window and ended early. */
@Path("/api/hq/promotions/full-reductions")
@Tag(name = "HQ: marketing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqFullReductionResource {

    private final FullReductions reductions;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqFullReductionResource(FullReductions reductions, CurrentCaller caller, Idempotency idempotency) {
        this.reductions = reductions;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.MARKETING_READ)
    @Operation(summary = "Full reductions, newest first", description = "live=true keeps those not over or ended.")
    public Page<FullReductionView> list(@QueryParam("live") String live, @BeanParam PageRequest page) {
        if (live != null && !live.equals("true") && !live.equals("false")) {
            throw ProblemException.badRequest("invalid-live", "live is true or false");
        }
        return reductions.list("true".equals(live), page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Create a full reduction",
            description = "Up to five tiers (each saving less than its threshold); the engine applies the best tier of "
                    + "the best reduction an order reaches, one per order, as HQ's stacking matrix allows (kind "
                    + "FULL_REDUCTION). 422 bad-tier, bad-window, unknown-store. Audited. Send an Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull FullReductionRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "reduction.create", request, Response.Status.CREATED, () -> reductions.create(request, who));
    }

    @POST
    @Path("/{reductionId}/end")
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(summary = "End a full reduction now", description = "Orders placed keep it. 409 already-ended. Audited.")
    public FullReductionView end(@PathParam("reductionId") String reductionId) {
        return reductions.end(
                QueryParams.requiredId("reductionId", reductionId),
                null,
                caller.get().username());
    }

    @POST
    @Path("/{reductionId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Approve or reject a store's proposed full reduction",
            description = "409 not-pending when it is not waiting; 422 note-required for a rejection without a reason. "
                    + "Audited.")
    public FullReductionView decide(
            @PathParam("reductionId") String reductionId,
            @Valid @NotNull io.mendian.promotion.api.DecisionRequest decision) {
        return reductions.decide(
                QueryParams.requiredId("reductionId", reductionId),
                decision.approve(),
                decision.note(),
                caller.get().username());
    }
}
