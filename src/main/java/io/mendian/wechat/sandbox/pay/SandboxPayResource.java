package io.mendian.wechat.sandbox.pay;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.wechat.WeChatSettings;

/**
 * The WeChat Pay APIv3 sandbox at WeChat Pay's own paths under /sandbox/wechat/pay: every API call must carry a valid
 * merchant signature (401 SIGN_ERROR otherwise) and every answer is signed with the platform key, with the headers
 * spelt exactly as WeChat Pay spells them. The {@code /test} paths are the sandbox's controls (the customer paying,
 * a reviewer rejecting, the callbacks it sent). Disabled (404) unless {@code mendian.wechat.sandbox.enabled=true}.
 */
@Path(SandboxPayResource.ROOT)
@Tag(name = "WeChat sandbox (dev and test only)")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SandboxPayResource {

    static final String ROOT = "/sandbox/wechat/pay";

    private final SandboxPay pay;
    private final SandboxProfitSharing sharing;
    private final SandboxPayCrypto crypto;
    private final SandboxPayNotifier notifier;
    private final ObjectMapper json;
    private final WeChatSettings settings;

    public SandboxPayResource(
            SandboxPay pay,
            SandboxProfitSharing sharing,
            SandboxPayCrypto crypto,
            SandboxPayNotifier notifier,
            ObjectMapper json,
            WeChatSettings settings) {
        this.pay = pay;
        this.sharing = sharing;
        this.crypto = crypto;
        this.notifier = notifier;
        this.json = json;
        this.settings = settings;
    }

    @POST
    @Path("/v3/pay/partner/transactions/jsapi")
    @Operation(summary = "Sandbox: partner JSAPI prepay")
    public Response prepay(@HeaderParam("Authorization") String auth, @Context UriInfo uri, String body) {
        return signed("POST", uri, body, auth, () -> pay.prepay(read(body)));
    }

    @GET
    @Path("/v3/pay/partner/transactions/out-trade-no/{outTradeNo}")
    @Operation(summary = "Sandbox: query a partner transaction")
    public Response query(
            @HeaderParam("Authorization") String auth,
            @Context UriInfo uri,
            @PathParam("outTradeNo") String outTradeNo,
            @QueryParam("sp_mchid") String spMchid,
            @QueryParam("sub_mchid") String subMchid) {
        return signed("GET", uri, "", auth, () -> pay.query(spMchid, subMchid, outTradeNo));
    }

    @POST
    @Path("/v3/pay/partner/transactions/out-trade-no/{outTradeNo}/close")
    @Operation(summary = "Sandbox: close a partner transaction")
    public Response close(
            @HeaderParam("Authorization") String auth,
            @Context UriInfo uri,
            @PathParam("outTradeNo") String outTradeNo,
            String body) {
        return signed("POST", uri, body, auth, () -> {
            JsonNode r = read(body);
            pay.close(r.path("sp_mchid").asText(), r.path("sub_mchid").asText(), outTradeNo);
            return null;
        });
    }

    @POST
    @Path("/v3/pay/transactions/native")
    @Operation(summary = "Sandbox: Native prepay (the merchant's own QR payment)")
    public Response nativePrepay(@HeaderParam("Authorization") String auth, @Context UriInfo uri, String body) {
        return signed("POST", uri, body, auth, () -> pay.nativePrepay(read(body)));
    }

    @GET
    @Path("/v3/pay/transactions/out-trade-no/{outTradeNo}")
    @Operation(summary = "Sandbox: query the merchant's own transaction")
    public Response nativeQuery(
            @HeaderParam("Authorization") String auth,
            @Context UriInfo uri,
            @PathParam("outTradeNo") String outTradeNo,
            @QueryParam("mchid") String mchid) {
        return signed("GET", uri, "", auth, () -> pay.nativeQuery(mchid, outTradeNo));
    }

    @POST
    @Path("/v3/refund/domestic/refunds")
    @Operation(summary = "Sandbox: request a refund")
    public Response refund(@HeaderParam("Authorization") String auth, @Context UriInfo uri, String body) {
        return signed("POST", uri, body, auth, () -> pay.refund(read(body)));
    }

    @GET
    @Path("/v3/refund/domestic/refunds/{outRefundNo}")
    @Operation(summary = "Sandbox: query a refund")
    public Response refundQuery(
            @HeaderParam("Authorization") String auth,
            @Context UriInfo uri,
            @PathParam("outRefundNo") String outRefundNo,
            @QueryParam("sub_mchid") String subMchid) {
        return signed("GET", uri, "", auth, () -> pay.refundQuery(subMchid, outRefundNo));
    }

    @POST
    @Path("/v3/applyment4sub/applyment/")
    @Operation(summary = "Sandbox: submit a sub-merchant applyment")
    public Response apply(@HeaderParam("Authorization") String auth, @Context UriInfo uri, String body) {
        return signed("POST", uri, body, auth, () -> pay.apply(read(body)));
    }

    @GET
    @Path("/v3/applyment4sub/applyment/business_code/{businessCode}")
    @Operation(summary = "Sandbox: the state of a sub-merchant applyment")
    public Response applyment(
            @HeaderParam("Authorization") String auth,
            @Context UriInfo uri,
            @PathParam("businessCode") String businessCode) {
        return signed("GET", uri, "", auth, () -> pay.applyment(businessCode));
    }

    @POST
    @Path("/v3/profitsharing/receivers/add")
    @Operation(summary = "Sandbox: add a profit-sharing receiver for a sub-merchant")
    public Response addReceiver(@HeaderParam("Authorization") String auth, @Context UriInfo uri, String body) {
        return signed("POST", uri, body, auth, () -> sharing.addReceiver(read(body)));
    }

    @POST
    @Path("/v3/profitsharing/orders")
    @Operation(summary = "Sandbox: share a paid transaction")
    public Response share(@HeaderParam("Authorization") String auth, @Context UriInfo uri, String body) {
        return signed("POST", uri, body, auth, () -> sharing.share(read(body)));
    }

    @POST
    @Path("/v3/profitsharing/orders/unfreeze")
    @Operation(summary = "Sandbox: release a transaction's frozen funds")
    public Response unfreeze(@HeaderParam("Authorization") String auth, @Context UriInfo uri, String body) {
        return signed("POST", uri, body, auth, () -> sharing.unfreeze(read(body)));
    }

    @GET
    @Path("/v3/profitsharing/orders/{outOrderNo}")
    @Operation(summary = "Sandbox: query a profit-sharing order")
    public Response sharingOrder(
            @HeaderParam("Authorization") String auth,
            @Context UriInfo uri,
            @PathParam("outOrderNo") String outOrderNo,
            @QueryParam("sub_mchid") String subMchid,
            @QueryParam("transaction_id") String transactionId) {
        return signed("GET", uri, "", auth, () -> sharing.query(subMchid, transactionId, outOrderNo));
    }

    @POST
    @Path("/test/transactions/{outTradeNo}/pay")
    @Operation(
            summary = "Sandbox control: the customer pays",
            description = "The transaction succeeds and its callback is sent (notify=false: the callback is lost, "
                    + "as when the merchant's server is unreachable for a day).")
    public Response customerPays(
            @PathParam("outTradeNo") String outTradeNo,
            @QueryParam("sub_mchid") String subMchid,
            @QueryParam("notify") @DefaultValue("true") boolean notify) {
        return plain(() -> pay.customerPays(outTradeNo, subMchid, notify));
    }

    @POST
    @Path("/test/prepays/{prepayId}/pay")
    @Operation(
            summary = "Sandbox control: the customer confirms the payment sheet of a prepay_id",
            description = "What the WeChat client does with wx.requestPayment's package (prepay_id=...): the "
                    + "transaction succeeds and its callback is sent.")
    public Response customerPaysPrepay(@PathParam("prepayId") String prepayId) {
        return plain(() -> pay.customerPaysPrepay(prepayId, true));
    }

    @POST
    @Path("/test/applyments/{businessCode}/reject")
    @Operation(summary = "Sandbox control: WeChat's reviewers reject an applyment")
    public Response reject(@PathParam("businessCode") String businessCode, @QueryParam("reason") String reason) {
        return plain(() -> {
            pay.reject(businessCode, reason == null ? "资料不全" : reason);
            return Map.of("rejected", businessCode);
        });
    }

    @GET
    @Path("/test/notifications/{outTradeNo}")
    @Operation(summary = "Sandbox control: the callbacks sent for a transaction, newest first")
    public List<SandboxPayNotifier.Delivery> deliveries(
            @PathParam("outTradeNo") String outTradeNo, @QueryParam("sub_mchid") String subMchid) {
        requireEnabled();
        return notifier.deliveries(outTradeNo, subMchid);
    }

    private Response signed(String method, UriInfo uri, String body, String auth, Supplier<Map<String, Object>> work) {
        requireEnabled();
        String path = uri.getRequestUri().getRawPath().substring(ROOT.length());
        String query = uri.getRequestUri().getRawQuery();
        SandboxPayCrypto.Verdict verdict =
                crypto.verify(method, query == null ? path : path + "?" + query, body == null ? "" : body, auth);
        if (!verdict.ok()) {
            return error(new PayError(401, "SIGN_ERROR", verdict.refusal()));
        }
        try {
            Map<String, Object> answer = work.get();
            String out = answer == null ? "" : json.writeValueAsString(answer);
            SandboxPayCrypto.Signed signed = crypto.sign(out);
            Response.ResponseBuilder ok =
                    answer == null ? Response.noContent() : Response.ok(out, MediaType.APPLICATION_JSON);
            return ok.header("Wechatpay-Timestamp", signed.timestamp())
                    .header("Wechatpay-Nonce", signed.nonce())
                    .header("Wechatpay-Signature", signed.signature())
                    .header("Wechatpay-Serial", signed.serial())
                    .header("Request-ID", UUID.randomUUID().toString())
                    .build();
        } catch (PayError e) {
            return error(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response plain(Supplier<Map<String, Object>> work) {
        requireEnabled();
        try {
            return Response.ok(work.get()).build();
        } catch (PayError e) {
            return error(e);
        }
    }

    private static Response error(PayError e) {
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", e.code(), "message", e.getMessage()))
                .header("Request-ID", UUID.randomUUID().toString())
                .build();
    }

    private JsonNode read(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            if (node == null || !node.isObject()) {
                throw PayError.param("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw PayError.param("the body is not JSON");
        }
    }

    private void requireEnabled() {
        if (!settings.sandbox().enabled()) {
            throw new NotFoundException();
        }
    }
}
