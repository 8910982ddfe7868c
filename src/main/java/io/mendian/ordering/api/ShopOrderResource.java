package io.mendian.ordering.api;

import java.util.List;

import jakarta.annotation.security.PermitAll;
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

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.ordering.PaymentGate;
import io.mendian.ordering.app.Checkout;
import io.mendian.ordering.app.FlashCheckout;
import io.mendian.ordering.app.GroupCheckout;
import io.mendian.ordering.app.OrderViews;
import io.mendian.ordering.app.Orders;
import io.mendian.ordering.app.StoreOrders;
import io.mendian.promotion.PromotionApi;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/** Checkout and the member's orders (C4, C5). */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: cart and orders")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopOrderResource {

    private final FlashCheckout flashCheckout;
    private final GroupCheckout groupCheckout;
    private final Checkout checkout;
    private final Orders orders;
    private final OrderViews views;
    private final CurrentConsumer consumer;
    private final Idempotency idempotency;
    private final PaymentGate payments;
    private final StoreOrders storeOrders;

    public ShopOrderResource(
            StoreOrders storeOrders,
            Checkout checkout,
            Orders orders,
            OrderViews views,
            CurrentConsumer consumer,
            Idempotency idempotency,
            PaymentGate payments,
            FlashCheckout flashCheckout,
            GroupCheckout groupCheckout) {
        this.flashCheckout = flashCheckout;
        this.groupCheckout = groupCheckout;
        this.payments = payments;
        this.storeOrders = storeOrders;
        this.checkout = checkout;
        this.orders = orders;
        this.views = views;
        this.consumer = consumer;
        this.idempotency = idempotency;
    }

    @POST
    @Path("/checkout")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Check out: one order per store, stock reserved, prices fixed",
            description = "All orders are placed or none (409 insufficient-stock or no-longer-sold names the SKU; 422 "
                    + "explains a fulfilment the store cannot do). Each order must be paid by payBy or it expires and "
                    + "its stock returns. Send an Idempotency-Key: a retried checkout returns the same orders.")
    public Response checkout(
            @PathParam("appid") String appid,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull CheckoutRequest request) {
        long member = consumer.memberId();
        return idempotency.run(
                key, "shop.checkout", request, Response.Status.CREATED, () -> checkout.checkout(member, request));
    }

    @POST
    @Path("/checkout/flash")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Buy now at a flash price",
            description = "One order for the sale's SKU at the chosen store, to be paid by payBy like any other; the "
                    + "cart is left alone. 409 flash-sold-out, flash-limit (the member already holds their share), "
                    + "flash-not-started or flash-over; 422 flash-not-at-this-store; 503 flash-unavailable when the "
                    + "sale cannot take orders safely, or flash-busy (with Retry-After) while the rush queues. An order left unpaid gives its units back. Send an "
                    + "Idempotency-Key: a retried attempt returns the same order.")
    public Response flash(
            @PathParam("appid") String appid,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull FlashCheckoutRequest request) {
        long member = consumer.memberId();
        // A rush is mostly losers: the gate refuses them before the idempotency record and the transaction, and winners
        // wait for their place in the sale's lane without holding a database connection. A retry of an attempt already
        // made is replayed instead, whatever the gate says now.
        PromotionApi.FlashPass pass;
        try {
            pass = flashCheckout.admit(member, request);
        } catch (ProblemException refused) {
            if (!idempotency.seen(key, "shop.flash")) {
                throw refused;
            }
            return idempotency.run(key, "shop.flash", request, Response.Status.CREATED, () -> {
                throw refused;
            });
        }
        try (pass) {
            return idempotency.run(
                    key,
                    "shop.flash",
                    request,
                    Response.Status.CREATED,
                    () -> flashCheckout.buy(member, request, pass));
        }
    }

    @POST
    @Path("/checkout/group-buy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Open a group-buy team, or join one",
            description = "One order for one unit of the buy's SKU at the group price, at the chosen store (the team's "
                    + "store when joining), to be paid by payBy like any other; the cart is left alone. Once paid it "
                    + "waits for the team: when groupSize members have paid the orders go to the store, and if the "
                    + "team's deadline passes first every member is refunded in full. GET "
                    + "/api/shop/{appid}/me/group-teams names the new team for its share link. 409 team-full, "
                    + "team-closed, team-expired, already-in-team, group-buy-over or group-buy-not-started; 422 "
                    + "group-buy-not-at-this-store or team-at-another-store. Send an Idempotency-Key: a retried "
                    + "attempt returns the same order.")
    public Response groupBuy(
            @PathParam("appid") String appid,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull GroupCheckoutRequest request) {
        long member = consumer.memberId();
        return idempotency.run(
                key, "shop.group-buy", request, Response.Status.CREATED, () -> groupCheckout.buy(member, request));
    }

    @POST
    @Path("/checkout/quote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Price the checkout without placing it",
            description = "The same body as checkout; nothing is written. Each store's part comes with its price "
                    + "explained: every discount, each line's share, and the chosen coupons that do not apply, with why "
                    + "(checkout then refuses them with 409 coupon-refused).")
    public List<QuoteView> quote(@PathParam("appid") String appid, @Valid @NotNull CheckoutRequest request) {
        return checkout.quote(consumer.memberId(), request).stream()
                .map(p -> new QuoteView(p.storeId(), p.lines(), p.itemsFen(), p.feeFen(), p.price()))
                .toList();
    }

    @GET
    @Path("/orders")
    @Operation(summary = "The member's orders, newest first")
    public Page<OrderView> list(@PathParam("appid") String appid, @BeanParam PageRequest page) {
        return views.list(consumer.memberId(), page);
    }

    @GET
    @Path("/orders/{orderNo}")
    @Operation(summary = "One of the member's orders with its timeline")
    public OrderView get(@PathParam("appid") String appid, @PathParam("orderNo") String orderNo) {
        return views.get(consumer.memberId(), orderNo);
    }

    @POST
    @Path("/orders/{orderNo}/cancel")
    @Operation(
            summary = "Cancel an order not yet paid, or paid but not yet accepted by the store",
            description = "Its stock returns at once; a paid order (also one paid a moment ago whose WeChat Pay "
                    + "callback has not arrived) is refunded in full (the timeline shows the refund requested, then "
                    + "returned). Cancelling again, or after the store accepted, answers 409 not-cancellable; 409 "
                    + "payment-status-unknown when WeChat Pay cannot be asked.")
    public OrderView cancel(@PathParam("appid") String appid, @PathParam("orderNo") String orderNo) {
        long member = consumer.memberId();
        OrderView order = views.get(member, orderNo);
        if ("PENDING_PAYMENT".equals(order.status())) {
            // Close the payment at WeChat Pay first, so that the customer cannot pay an order whose stock is gone.
            switch (payments.settleUnpaid(orderNo)) {
                case PAID -> {
                    // Paid a moment ago (the callback had not arrived yet) and not accepted: the cancel stands and
                    // the payment is refunded, exactly as if the member had waited for the callback.
                    storeOrders.cancelByMember(member, orderNo);
                    return views.get(member, orderNo);
                }
                case UNKNOWN ->
                    throw ProblemException.conflict(
                            "payment-status-unknown",
                            "WeChat Pay cannot confirm the payment is closed; try again shortly");
                case UNPAID -> {
                    // closed: the order may end
                }
            }
        }
        if ("PAID".equals(order.status())) {
            storeOrders.cancelByMember(member, orderNo);
            return views.get(member, orderNo);
        }
        return orders.cancelByMember(member, orderNo);
    }
}
