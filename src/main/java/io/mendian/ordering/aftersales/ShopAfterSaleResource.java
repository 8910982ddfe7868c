package io.mendian.ordering.aftersales;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** The member's after-sales requests for one of their orders. */
@Path("/api/shop/{appid}/orders/{orderNo}/after-sales")
@Tag(name = "Shop: cart and orders")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopAfterSaleResource {

    private final AfterSales afterSales;
    private final CurrentConsumer consumer;

    public ShopAfterSaleResource(AfterSales afterSales, CurrentConsumer consumer) {
        this.afterSales = afterSales;
        this.consumer = consumer;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Ask for money back or to return goods after pickup",
            description = "Within 7 days of pickup; one open request per order (409 after-sale-open). A RETURN lists "
                    + "SKUs and quantities from the order and is worth their price; the store decides.")
    public Response request(
            @PathParam("appid") String appid,
            @PathParam("orderNo") String orderNo,
            @Valid @NotNull AfterSaleRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(afterSales.request(consumer.memberId(), orderNo, request))
                .build();
    }

    @GET
    @Operation(summary = "The order's after-sales requests and their outcome")
    public List<AfterSaleView> list(@PathParam("appid") String appid, @PathParam("orderNo") String orderNo) {
        return afterSales.ofOrder(consumer.memberId(), orderNo);
    }
}
