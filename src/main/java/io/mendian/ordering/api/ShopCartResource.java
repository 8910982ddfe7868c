package io.mendian.ordering.api;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.ordering.app.Carts;
import io.mendian.web.QueryParams;

/** The signed-in member's cart, one part per store (C3). */
@Path("/api/shop/{appid}/cart")
@Tag(name = "Shop: cart and orders")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopCartResource {

    private final Carts carts;
    private final CurrentConsumer consumer;

    public ShopCartResource(Carts carts, CurrentConsumer consumer) {
        this.carts = carts;
        this.consumer = consumer;
    }

    @GET
    @Operation(summary = "The cart, priced and checked against stock as each store sells now")
    public CartView cart(@PathParam("appid") String appid) {
        return carts.view(consumer.memberId());
    }

    @PUT
    @Path("/stores/{storeId}/items/{skuId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set how many of a SKU to buy from a store",
            description = "0 removes it. Safe to repeat: the quantity is set, not added. 422 not-sold-here when the "
                    + "store does not sell it.")
    public CartView set(
            @PathParam("appid") String appid,
            @PathParam("storeId") String storeId,
            @PathParam("skuId") String skuId,
            @Valid @NotNull CartItemRequest request) {
        return carts.set(
                consumer.memberId(),
                QueryParams.requiredId("storeId", storeId),
                QueryParams.requiredId("skuId", skuId),
                request.quantity());
    }

    @DELETE
    @Path("/stores/{storeId}")
    @Operation(summary = "Empty the cart's part for a store")
    public CartView clear(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        return carts.clear(consumer.memberId(), QueryParams.requiredId("storeId", storeId));
    }
}
