package io.mendian.membership.api;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.membership.points.MemberPoints;
import io.mendian.membership.points.PointsAdjustment;
import io.mendian.membership.points.PointsRule;
import io.mendian.membership.points.PointsRules;
import io.mendian.membership.points.PointsView;
import io.mendian.web.Idempotency;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's membership (H6): the points rule, a member's points and ledger, and adjustments by hand. */
@Path("/api/hq/members")
@Tag(name = "HQ: members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqMemberResource {

    private final PointsRules rules;
    private final MemberPoints points;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqMemberResource(PointsRules rules, MemberPoints points, CurrentCaller caller, Idempotency idempotency) {
        this.rules = rules;
        this.points = points;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/points-rule")
    @Requires(Capability.MEMBER_READ)
    @Operation(summary = "The points rule: earning, redemption value and cap, expiry")
    public PointsRule rule() {
        return rules.current();
    }

    @PUT
    @Path("/points-rule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MEMBER_MANAGE)
    @Operation(
            summary = "Replace the points rule",
            description = "Applies to orders completed and checkouts from now on; points already earned keep their "
                    + "expiry.")
    public PointsRule setRule(@Valid @NotNull PointsRule rule) {
        return rules.update(rule, caller.get().username());
    }

    @GET
    @Path("/{memberId}/points")
    @Requires(Capability.MEMBER_READ)
    @Operation(summary = "A member's points and ledger (newest first)")
    public PointsView memberPoints(@PathParam("memberId") String memberId, @BeanParam PageRequest page) {
        return points.ofMember(QueryParams.requiredId("memberId", memberId), page);
    }

    @POST
    @Path("/{memberId}/points/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MEMBER_MANAGE)
    @Operation(
            summary = "Add or take points by hand",
            description = "Recorded in the ledger with who and why; taking more than the balance is 409 "
                    + "insufficient-points. Send an Idempotency-Key.")
    public Response adjust(
            @PathParam("memberId") String memberId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull PointsAdjustment adjustment) {
        long member = QueryParams.requiredId("memberId", memberId);
        String who = caller.get().username();
        return idempotency.run(
                key,
                "points.adjust:" + member,
                adjustment,
                Response.Status.OK,
                () -> points.adjust(member, adjustment, who));
    }
}
