package io.mendian.promotion.api;

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
import io.mendian.promotion.app.CouponTemplates;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** The store's marketing (S6): coupons honoured here, and the store's own proposals under HQ's policy. */
@Path("/api/store/{storeId}/coupons")
@Tag(name = "Store console: marketing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreCouponResource {

    private final CouponTemplates templates;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public StoreCouponResource(CouponTemplates templates, CurrentCaller caller, Idempotency idempotency) {
        this.templates = templates;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.STORE_MARKETING)
    @Operation(summary = "Coupons honoured at the store (HQ's and the store's own), newest first")
    public Page<CouponView> list(@PathParam("storeId") long storeId, @BeanParam PageRequest page) {
        return templates.list(null, null, storeId, page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.STORE_MARKETING)
    @Operation(
            summary = "Propose a store coupon",
            description = "Honoured only at this store. Live at once when HQ's policy is AUTO, else PENDING until HQ "
                    + "decides. Send an Idempotency-Key.")
    public Response propose(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull CouponRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key,
                "coupon.propose:" + storeId,
                request,
                Response.Status.CREATED,
                () -> templates.proposeForStore(storeId, request, who));
    }

    @POST
    @Path("/{id}/end")
    @Requires(Capability.STORE_MARKETING)
    @Operation(summary = "End one of the store's own coupons", description = "404 for any other coupon.")
    public CouponView end(@PathParam("storeId") long storeId, @PathParam("id") String id) {
        return templates.end(
                QueryParams.requiredId("id", id), storeId, caller.get().username());
    }
}
