package io.mendian.ordering.api;

import java.util.List;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.ordering.app.OrderViews;
import io.mendian.ordering.app.StoreOrderFeed;
import io.mendian.ordering.app.StoreOrders;
import io.mendian.ordering.domain.OrderStatus;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;

/** The store console's order queue (S3): paid orders of the path's store, worked through to hand-over. */
@Path("/api/store/{storeId}")
@Tag(name = "Store: orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreOrderResource {

    private static final List<String> QUEUE =
            List.of("PAID", "ACCEPTED", "PREPARING", "READY", "COMPLETED", "CANCELLED");

    private final OrderViews views;
    private final StoreOrders orders;
    private final CurrentCaller caller;
    private final StoreOrderFeed feed;

    public StoreOrderResource(OrderViews views, StoreOrders orders, CurrentCaller caller, StoreOrderFeed feed) {
        this.feed = feed;
        this.views = views;
        this.orders = orders;
        this.caller = caller;
    }

    @GET
    @Path("/orders")
    @Requires(Capability.ORDER_READ)
    @Operation(
            summary = "The store's order queue",
            description = "Paid orders still to be handed over (PAID = new, ACCEPTED, PREPARING, READY), earliest "
                    + "pickup first; status=... (repeatable) narrows it, also to COMPLETED or CANCELLED. Paged.")
    public Page<OrderView> queue(
            @PathParam("storeId") long storeId,
            @QueryParam("status") List<String> status,
            @BeanParam PageRequest page) {
        for (String s : status) {
            if (!QUEUE.contains(s)) {
                throw ProblemException.badRequest("invalid-status", "status must be one of " + QUEUE);
            }
        }
        return views.queue(storeId, status, page);
    }

    @GET
    @Path("/orders/feed")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Requires(Capability.ORDER_READ)
    @io.smallrye.common.annotation.Blocking
    @Operation(
            summary = "Live feed of the store's orders (server-sent events)",
            description = "One event per change (a new paid order, a step, a cancellation), with the order number, the "
                    + "status and who made it. Resumes after Last-Event-ID (or ?after=); the stream closes after a few "
                    + "minutes and EventSource reconnects.")
    public Multi<OutboundSseEvent> feed(
            @PathParam("storeId") long storeId,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") String after,
            @Context Sse sse) {
        Long from = QueryParams.positiveLong("after", lastEventId != null ? lastEventId : after);
        return feed.follow(storeId, from)
                .map(change -> sse.newEventBuilder()
                        .id(String.valueOf(change.id()))
                        .name("order")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(StoreOrderFeed.Change.class, change)
                        .build());
    }

    @GET
    @Path("/orders/{orderNo}")
    @Requires(Capability.ORDER_READ)
    @Operation(summary = "One order of the store, with its lines and timeline (never its pickup code)")
    public OrderView get(@PathParam("storeId") long storeId, @PathParam("orderNo") String orderNo) {
        return views.ofStore(storeId, orderNo);
    }

    @POST
    @Path("/orders/{orderNo}/accept")
    @Requires(Capability.ORDER_WORK)
    @Operation(
            summary = "Accept a new (paid) order",
            description = "Repeating it is harmless; 409 invalid-transition " + "names what the order can become.")
    public OrderView accept(@PathParam("storeId") long storeId, @PathParam("orderNo") String orderNo) {
        return orders.advance(storeId, orderNo, OrderStatus.ACCEPTED, actor());
    }

    @POST
    @Path("/orders/{orderNo}/prepare")
    @Requires(Capability.ORDER_WORK)
    @Operation(summary = "Start preparing an accepted order")
    public OrderView prepare(@PathParam("storeId") long storeId, @PathParam("orderNo") String orderNo) {
        return orders.advance(storeId, orderNo, OrderStatus.PREPARING, actor());
    }

    @POST
    @Path("/orders/{orderNo}/ready")
    @Requires(Capability.ORDER_WORK)
    @Operation(summary = "Mark an order ready for pickup or for the courier")
    public OrderView ready(@PathParam("storeId") long storeId, @PathParam("orderNo") String orderNo) {
        return orders.advance(storeId, orderNo, OrderStatus.READY, actor());
    }

    @POST
    @Path("/orders/{orderNo}/call")
    @Requires(Capability.ORDER_WORK)
    @Operation(
            summary = "Call the customer of a ready order again",
            description = "Sends the ready notice once more (a WeChat subscription message when the customer allowed "
                    + "one; the order's timeline says whether it went out). 409 not-ready unless the order is ready; "
                    + "409 called-recently within a minute of the last call.")
    public OrderView call(@PathParam("storeId") long storeId, @PathParam("orderNo") String orderNo) {
        return orders.callAgain(storeId, orderNo, actor());
    }

    @POST
    @Path("/orders/{orderNo}/complete")
    @Requires(Capability.ORDER_WORK)
    @Operation(
            summary = "A ready delivery or express order left the store",
            description = "Its stock hold is committed. Pickup orders answer 409 pickup-code-required: use /pickups.")
    public OrderView complete(@PathParam("storeId") long storeId, @PathParam("orderNo") String orderNo) {
        return orders.complete(storeId, orderNo, actor());
    }

    @POST
    @Path("/orders/{orderNo}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.ORDER_WORK)
    @Operation(
            summary = "The store cannot fulfil a paid order: cancel it and refund it in full",
            description = "Before it is ready (PAID, ACCEPTED, PREPARING); its stock returns and the reason appears in "
                    + "the customer's timeline.")
    public OrderView reject(
            @PathParam("storeId") long storeId,
            @PathParam("orderNo") String orderNo,
            @Valid @NotNull ReasonRequest request) {
        return orders.reject(storeId, orderNo, request.reason(), actor());
    }

    @POST
    @Path("/pickups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.ORDER_WORK)
    @Operation(
            summary = "Hand over the order whose pickup code the customer shows",
            description = "Only this store's open orders are searched (404 otherwise); the order must be READY (409 "
                    + "not-ready). The order completes and its stock hold is committed.")
    public OrderView pickup(@PathParam("storeId") long storeId, @Valid @NotNull PickupRequest request) {
        return orders.handOver(storeId, request.code(), actor());
    }

    private String actor() {
        return "staff:" + caller.get().subject();
    }
}
