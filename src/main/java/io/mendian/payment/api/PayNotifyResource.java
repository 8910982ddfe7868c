package io.mendian.payment.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
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

import io.mendian.payment.app.PayCallbacks;
import io.mendian.payment.app.PayCallbacks.Callback;

/** Where WeChat Pay posts payment results: a brand's (partner mode) and the platform's own (invoices). */
@Path("/api/wechat/pay")
@Tag(name = "WeChat Pay callbacks")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PayNotifyResource {

    private final PayCallbacks callbacks;

    public PayNotifyResource(PayCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @POST
    @Path("/notify/{tenant}/transaction")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "WeChat Pay: a payment result",
            description = "Verified on the raw body with WeChat Pay's public key (401 callback-not-verified when the "
                    + "signature fails or the signed timestamp is more than 5 minutes off), decrypted with the APIv3 "
                    + "key, and recorded once: a repeated or concurrent callback answers 204 and changes nothing. A "
                    + "transaction of another merchant answers 403.")
    public Response transaction(@PathParam("tenant") String tenant, @BeanParam SignedHeaders signed, String body) {
        callbacks.transaction(tenant, signed.with(body));
        return Response.noContent().build();
    }

    @POST
    @Path("/notify/{tenant}/refund")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "WeChat Pay: a refund result",
            description = "Verified like payment results; a refund's success is recorded once (the GMV meter takes it "
                    + "back, the order's timeline shows it).")
    public Response refund(@PathParam("tenant") String tenant, @BeanParam SignedHeaders signed, String body) {
        callbacks.refund(tenant, signed.with(body));
        return Response.noContent().build();
    }

    @POST
    @Path("/platform-notify/transaction")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "WeChat Pay: a payment to the platform's own merchant account (a brand's SaaS invoice)",
            description = "Verified like a brand's; the invoice is marked paid once whatever the repeats.")
    public Response platform(@BeanParam SignedHeaders signed, String body) {
        callbacks.platform(signed.with(body));
        return Response.noContent().build();
    }

    /** The headers WeChat Pay signs a callback with, spelt as it sends them. */
    public static class SignedHeaders {
        @HeaderParam("Wechatpay-Serial")
        public String serial;

        @HeaderParam("Wechatpay-Timestamp")
        public String timestamp;

        @HeaderParam("Wechatpay-Nonce")
        public String nonce;

        @HeaderParam("Wechatpay-Signature")
        public String signature;

        @HeaderParam("Wechatpay-Signature-Type")
        public String signType;

        Callback with(String body) {
            return new Callback(serial, timestamp, nonce, signature, signType, body);
        }
    }
}
