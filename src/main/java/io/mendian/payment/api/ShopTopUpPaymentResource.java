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
import io.mendian.membership.MembershipApi;
import io.mendian.payment.app.Payments;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;

/** The member pays a stored-value top-up with WeChat Pay, exactly as an order. */
@Path("/api/shop/{appid}/topups/{topupNo}/payment")
@Tag(name = "Shop: payment")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopTopUpPaymentResource {

    private final Payments payments;
    private final CurrentConsumer consumer;

    public ShopTopUpPaymentResource(Payments payments, CurrentConsumer consumer) {
        this.payments = payments;
        this.consumer = consumer;
    }

    @POST
    @Operation(
            summary = "Start paying a top-up: the arguments for wx.requestPayment",
            description = "As for an order; calling again resumes the open payment. 409 not-payable once paid, "
                    + "payment-deadline-passed after 30 minutes (start a new top-up).")
    public PaymentParams start(@PathParam("appid") String appid, @PathParam("topupNo") String topupNo) {
        return payments.start(consumer.memberId(), appid, topUp(topupNo));
    }

    @GET
    @Operation(summary = "Whether the top-up is paid (asks WeChat Pay about an open payment first)")
    public PaymentStatus status(@PathParam("appid") String appid, @PathParam("topupNo") String topupNo) {
        return payments.status(consumer.memberId(), topUp(topupNo));
    }

    private static String topUp(String topupNo) {
        if (!MembershipApi.isTopUp(topupNo)) {
            throw ProblemException.notFound("top-up " + Problem.clip(topupNo));
        }
        return topupNo;
    }
}
