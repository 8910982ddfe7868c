package io.mendian.promotion.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import io.mendian.membership.MembershipApi;
import io.mendian.promotion.app.CounterCoupons;
import io.mendian.web.Idempotency;
import io.mendian.web.QueryParams;

/** The counter's coupons (S5, S6): a scanned member's coupons honoured here, and redeeming one, with a receipt. */
@Path("/api/store/{storeId}/member-coupons")
@Tag(name = "Store console: members")
@io.quarkus.security.Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreMemberCouponResource {

    public record WithCode(@NotBlank @Size(max = 64) String code) {}

    private final CounterCoupons coupons;
    private final MembershipApi members;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public StoreMemberCouponResource(
            CounterCoupons coupons, MembershipApi members, CurrentCaller caller, Idempotency idempotency) {
        this.coupons = coupons;
        this.members = members;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Path("/lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MEMBER_SERVICE)
    @Operation(summary = "The scanned member's coupons usable at this store now (the code is not spent)")
    public List<WalletCouponView> lookup(@PathParam("storeId") long storeId, @Valid @NotNull WithCode request) {
        return coupons.usableAt(members.memberOfCode(request.code()), storeId);
    }

    @POST
    @Path("/{couponId}/redeem")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MEMBER_SERVICE)
    @Operation(
            summary = "Redeem a scanned member's coupon at the counter",
            description = "Spends the member code (409 member-code-used for a second change with it); 409 "
                    + "coupon-not-usable or coupon-used. Audited. Send an Idempotency-Key: a retry returns the same "
                    + "receipt.")
    public Response redeem(
            @PathParam("storeId") long storeId,
            @PathParam("couponId") String couponId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull WithCode request) {
        long coupon = QueryParams.requiredId("couponId", couponId);
        String who = caller.get().username();
        return idempotency.run(
                key,
                "counter.coupon:" + storeId + ":" + coupon,
                request,
                Response.Status.CREATED,
                () -> coupons.redeem(members.spendMemberCode(request.code(), "coupon"), coupon, storeId, who));
    }
}
