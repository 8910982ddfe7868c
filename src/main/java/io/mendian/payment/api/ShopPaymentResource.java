package io.mendian.payment.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.payment.app.Payments;

/** The member pays an order with WeChat Pay (P5). */
@Path("/api/shop/{appid}/orders/{orderNo}/payment")
@Tag(name = "Shop: payment")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopPaymentResource {

    private final Payments payments;
    private final CurrentConsumer consumer;

    public ShopPaymentResource(Payments payments, CurrentConsumer consumer) {
        this.payments = payments;
        this.consumer = consumer;
    }

    @POST
    @Operation(
            summary = "Start paying an order: the arguments for wx.requestPayment",
            description =
                    "Creates the WeChat Pay transaction in the brand's sub-merchant account (partner JSAPI, payer = "
                            + "the member's openid in this mini-program, closing at the order's payBy) or resumes the open "
                            + "one: calling again is safe. 409 not-payable (already paid or ended), payment-deadline-passed, "
                            + "payments-not-ready (the brand's sub-merchant account is not active) or sign-in-required.")
    public PaymentParams start(@PathParam("appid") String appid, @PathParam("orderNo") String orderNo) {
        return payments.start(consumer.memberId(), appid, order(orderNo));
    }

    @GET
    @Operation(
            summary = "Whether the order is paid",
            description = "Asks WeChat Pay about an open payment before answering, so a late or lost callback does not "
                    + "keep a paid order waiting.")
    public PaymentStatus status(@PathParam("appid") String appid, @PathParam("orderNo") String orderNo) {
        return payments.status(consumer.memberId(), order(orderNo));
    }

    /** An order's number (a top-up is paid under /topups). */
    static String order(String orderNo) {
        if (io.mendian.membership.MembershipApi.isTopUp(orderNo)) {
            throw io.mendian.web.ProblemException.notFound("order " + io.mendian.web.Problem.clip(orderNo));
        }
        return orderNo;
    }
}
