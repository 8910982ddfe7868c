package io.mendian.promotion.mall;

import java.util.List;

import jakarta.annotation.security.PermitAll;
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

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.web.Idempotency;
import io.mendian.web.QueryParams;

/** The storefront's points mall: what is on the shelf (anonymous), redeeming, and the member's redemptions. */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: points mall")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopMallResource {

    private final PointsMall mall;
    private final CurrentConsumer consumer;
    private final Idempotency idempotency;

    public ShopMallResource(PointsMall mall, CurrentConsumer consumer, Idempotency idempotency) {
        this.mall = mall;
        this.consumer = consumer;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/mall-items")
    @Operation(
            summary = "The points mall's shelf",
            description = "Items that can be redeemed now, in HQ's order (at most 100). Anonymous; mine is null here.")
    public List<MallItemView> shelf(@PathParam("appid") String appid) {
        return mall.shelf(null);
    }

    @GET
    @Path("/me/mall-items")
    @ConsumerOnly
    @Operation(summary = "The shelf with how many of each item the member has redeemed")
    public List<MallItemView> myShelf(@PathParam("appid") String appid) {
        return mall.shelf(consumer.memberId());
    }

    @POST
    @Path("/mall-items/{itemId}/redeem")
    @ConsumerOnly
    @Operation(
            summary = "Redeem points for an item",
            description = "Debits the item's points and puts its coupon in the member's wallet, both or neither. 404 "
                    + "for an item not on the shelf; 409 mall-sold-out, mall-limit, insufficient-points, coupons-gone, "
                    + "claim-limit. Send an Idempotency-Key: a retry returns the same redemption.")
    public Response redeem(
            @PathParam("appid") String appid,
            @PathParam("itemId") String itemId,
            @HeaderParam(Idempotency.HEADER) String key) {
        long item = QueryParams.requiredId("itemId", itemId);
        long member = consumer.memberId();
        return idempotency.run(
                key,
                "mall.redeem",
                java.util.Map.of("itemId", item),
                Response.Status.CREATED,
                () -> mall.redeem(member, item));
    }

    @GET
    @Path("/me/mall-redemptions")
    @ConsumerOnly
    @Operation(summary = "The member's redemptions, newest first (the last 50)")
    public List<RedemptionView> history(@PathParam("appid") String appid) {
        return mall.history(consumer.memberId(), 50);
    }
}
