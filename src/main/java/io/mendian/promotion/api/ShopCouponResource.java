package io.mendian.promotion.api;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
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

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.promotion.app.Wallets;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;

/** The member's coupons (C7): what they can claim, claiming, and their wallet. */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: coupons")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopCouponResource {

    /** Wallet states a list can be filtered by. */
    enum State {
        AVAILABLE,
        USED,
        EXPIRED
    }

    private final Wallets wallets;
    private final CurrentConsumer consumer;
    private final Idempotency idempotency;

    public ShopCouponResource(Wallets wallets, CurrentConsumer consumer, Idempotency idempotency) {
        this.wallets = wallets;
        this.consumer = consumer;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/coupons")
    @Operation(
            summary = "Coupons the member can claim now",
            description = "With storeId, only those honoured at that store. Each says how many the member holds.")
    public List<ClaimableCouponView> claimable(
            @PathParam("appid") String appid, @QueryParam("storeId") String storeId) {
        return wallets.claimable(consumer.memberId(), QueryParams.positiveLong("storeId", storeId));
    }

    @POST
    @Path("/coupons/{templateId}/claim")
    @Operation(
            summary = "Claim one coupon",
            description = "409 claim-limit at the member's limit, 409 coupons-gone when the budget is spent. Send an "
                    + "Idempotency-Key: a retried claim returns the same coupon.")
    public Response claim(
            @PathParam("appid") String appid,
            @PathParam("templateId") String templateId,
            @HeaderParam(Idempotency.HEADER) String key) {
        long template = QueryParams.requiredId("templateId", templateId);
        long member = consumer.memberId();
        return idempotency.run(
                key,
                "coupon.claim:" + template,
                template,
                Response.Status.CREATED,
                () -> wallets.claim(member, template));
    }

    @GET
    @Path("/me/coupons")
    @Operation(summary = "The member's coupons, newest first", description = "Filter by status.")
    public Page<WalletCouponView> wallet(
            @PathParam("appid") String appid, @QueryParam("status") String status, @BeanParam PageRequest page) {
        State state = QueryParams.enumValue("status", status, State.class);
        return wallets.wallet(consumer.memberId(), state == null ? null : state.name(), page);
    }
}
