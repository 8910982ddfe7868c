package io.mendian.promotion.groupbuy;

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

/** HQ's group buys (C7): create, follow their teams, end early. */
@Path("/api/hq/promotions/group-buys")
@Tag(name = "HQ: marketing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqGroupBuyResource {

    private final GroupBuys buys;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqGroupBuyResource(GroupBuys buys, CurrentCaller caller, Idempotency idempotency) {
        this.buys = buys;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.MARKETING_READ)
    @Operation(
            summary = "Group buys, newest first",
            description = "live=true keeps those whose window has not passed and that were not ended. Each counts its "
                    + "open, formed and failed teams.")
    public Page<GroupBuyView> list(@QueryParam("live") String live, @BeanParam PageRequest page) {
        if (live != null && !live.equals("true") && !live.equals("false")) {
            throw ProblemException.badRequest("invalid-live", "live is true or false");
        }
        return buys.list("true".equals(live), page);
    }

    @GET
    @Path("/{groupBuyId}")
    @Requires(Capability.MARKETING_READ)
    @Operation(summary = "One group buy")
    public GroupBuyView get(@PathParam("groupBuyId") String groupBuyId) {
        return buys.get(QueryParams.requiredId("groupBuyId", groupBuyId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Create a group buy",
            description = "Members open teams at the listed stores (or every store) during its window; a team forms "
                    + "when groupSize members have paid within hours of its opening, and its orders then go to the "
                    + "store. A team that does not form is refunded in full, automatically and once. Audited. Send an "
                    + "Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull GroupBuyRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "groupbuy.create", request, Response.Status.CREATED, () -> buys.create(request, who));
    }

    @POST
    @Path("/{groupBuyId}/end")
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "End a group buy now",
            description = "No new team opens and nobody joins; teams already open still form or fail by their "
                    + "deadline. 409 already-ended. Audited.")
    public GroupBuyView end(@PathParam("groupBuyId") String groupBuyId) {
        return buys.end(
                QueryParams.requiredId("groupBuyId", groupBuyId), caller.get().username());
    }
}
