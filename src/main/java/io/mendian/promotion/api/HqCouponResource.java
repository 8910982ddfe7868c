package io.mendian.promotion.api;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.promotion.app.CouponTemplates;
import io.mendian.promotion.app.Policies;
import io.mendian.promotion.app.Wallets;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's marketing centre (H7): coupons, distribution, store proposals and the stacking matrix. */
@Path("/api/hq/promotions")
@Tag(name = "HQ: marketing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqCouponResource {

    /** Template statuses a list can be filtered by. */
    enum Status {
        PENDING,
        ACTIVE,
        REJECTED,
        ENDED
    }

    /** Issuers a list can be filtered by. */
    enum Issuer {
        HQ,
        STORE
    }

    private final CouponTemplates templates;
    private final Wallets wallets;
    private final Policies policies;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqCouponResource(
            CouponTemplates templates,
            Wallets wallets,
            Policies policies,
            CurrentCaller caller,
            Idempotency idempotency) {
        this.templates = templates;
        this.wallets = wallets;
        this.policies = policies;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/coupons")
    @Requires(Capability.MARKETING_READ)
    @Operation(
            summary = "Coupon templates, newest first",
            description = "Filter by status (PENDING lists store proposals waiting for HQ), issuer, and storeId "
                    + "(honoured at that store).")
    public Page<CouponView> list(
            @QueryParam("status") String status,
            @QueryParam("issuer") String issuer,
            @QueryParam("storeId") String storeId,
            @BeanParam PageRequest page) {
        Status s = QueryParams.enumValue("status", status, Status.class);
        Issuer i = QueryParams.enumValue("issuer", issuer, Issuer.class);
        return templates.list(
                s == null ? null : s.name(),
                i == null ? null : i.name(),
                QueryParams.positiveLong("storeId", storeId),
                page);
    }

    @GET
    @Path("/coupons/{id}")
    @Requires(Capability.MARKETING_READ)
    @Operation(summary = "One coupon template")
    public CouponView get(@PathParam("id") String id) {
        return templates.get(QueryParams.requiredId("id", id));
    }

    @POST
    @Path("/coupons")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(summary = "Create an HQ coupon", description = "Live at once. Send an Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CouponRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "coupon.create", request, Response.Status.CREATED, () -> templates.createForHq(request, who));
    }

    @POST
    @Path("/coupons/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Approve or reject a store's proposal",
            description = "409 not-pending when it was decided already; a rejection needs a note. Audited.")
    public CouponView decide(@PathParam("id") String id, @Valid @NotNull DecisionRequest request) {
        return templates.decide(
                QueryParams.requiredId("id", id),
                request.approve(),
                request.note(),
                caller.get().username());
    }

    @POST
    @Path("/coupons/{id}/end")
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "End a coupon",
            description = "No more claims or distribution; coupons already in wallets stay usable until they expire.")
    public CouponView end(@PathParam("id") String id) {
        return templates.end(
                QueryParams.requiredId("id", id), null, caller.get().username());
    }

    @POST
    @Path("/coupons/{id}/distribution")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Give one coupon to each member of a segment",
            description = "Within the budget and each member's limit; says how many were issued. Send an "
                    + "Idempotency-Key.")
    public Response distribute(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull DistributionRequest request) {
        long template = QueryParams.requiredId("id", id);
        String who = caller.get().username();
        return idempotency.run(
                key,
                "coupon.distribute:" + template,
                request,
                Response.Status.OK,
                () -> wallets.distribute(template, request, who));
    }

    @GET
    @Path("/policy")
    @Requires(Capability.MARKETING_READ)
    @Operation(summary = "The stacking matrix and the approval policy for store proposals")
    public PolicyView policy() {
        return policies.current();
    }

    @PUT
    @Path("/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Replace the stacking matrix and the approval policy",
            description = "Kinds: ITEM_ACTIVITY, FULL_REDUCTION, HQ_COUPON, STORE_COUPON. The matrix is read "
                    + "symmetrically: two kinds combine only when each lists the other. Audited.")
    public PolicyView setPolicy(@Valid @NotNull PolicyView.Update update) {
        return policies.update(update, caller.get().username());
    }
}
