package io.mendian.membership.wallet;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.web.Idempotency;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's stored value (H6): top-up plans, and one member's balance with its ledger. */
@Path("/api/hq/members")
@Tag(name = "HQ: members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqWalletResource {

    private final TopUps topUps;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqWalletResource(TopUps topUps, CurrentCaller caller, Idempotency idempotency) {
        this.topUps = topUps;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/topup-plans")
    @Requires(Capability.MARKETING_READ)
    @Operation(summary = "Top-up plans, in the storefront's order, with how many were paid for")
    public List<TopUpPlanView> plans() {
        return topUps.plans(false);
    }

    @POST
    @Path("/topup-plans")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Add a top-up plan (\"pay 500, get 50\")",
            description = "422 gift-too-large when the gift exceeds what is paid. Send an Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull TopUpPlanRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "topup-plan.create", request, Response.Status.CREATED, () -> topUps.createPlan(request, who));
    }

    @PUT
    @Path("/topup-plans/{planId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(summary = "Change or withdraw (active=false) a plan; top-ups bought keep their terms")
    public TopUpPlanView update(@PathParam("planId") String planId, @Valid @NotNull TopUpPlanRequest request) {
        return topUps.updatePlan(QueryParams.requiredId("planId", planId), request);
    }

    @GET
    @Path("/{memberId}/wallet")
    @Requires(Capability.MARKETING_READ)
    @Operation(summary = "A member's stored value: principal, gift and the latest ledger entries")
    public WalletView wallet(@PathParam("memberId") String memberId) {
        return topUps.wallet(QueryParams.requiredId("memberId", memberId));
    }
}
