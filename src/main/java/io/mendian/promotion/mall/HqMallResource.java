package io.mendian.promotion.mall;

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

/** HQ's points mall (C7): list coupons at a price in points, follow what was redeemed, take items off. */
@Path("/api/hq/promotions/mall-items")
@Tag(name = "HQ: marketing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqMallResource {

    private final PointsMall mall;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqMallResource(PointsMall mall, CurrentCaller caller, Idempotency idempotency) {
        this.mall = mall;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.MARKETING_READ)
    @Operation(summary = "Points-mall items, newest first, with how many were redeemed")
    public Page<MallItemView> list(@BeanParam PageRequest page) {
        return mall.list(page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "List a coupon in the points mall",
            description = "One coupon of an active HQ template for this many points, optionally in limited number and "
                    + "at most perMemberLimit per member. Goods are offered as an exchange coupon for their SKU. 422 "
                    + "unknown-coupon or coupon-not-active. Audited. Send an Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull MallItemRequest request) {
        String who = caller.get().username();
        return idempotency.run(key, "mall.create", request, Response.Status.CREATED, () -> mall.create(request, who));
    }

    @POST
    @Path("/{itemId}/end")
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Take an item out of the points mall",
            description = "Coupons already redeemed stay in members' wallets. 409 already-ended. Audited.")
    public MallItemView end(@PathParam("itemId") String itemId) {
        return mall.end(QueryParams.requiredId("itemId", itemId), caller.get().username());
    }
}
