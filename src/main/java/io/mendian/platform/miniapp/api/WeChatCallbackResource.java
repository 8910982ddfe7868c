package io.mendian.platform.miniapp.api;

import java.time.Instant;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.platform.miniapp.Authorizations;
import io.mendian.platform.miniapp.Deployments;
import io.mendian.platform.miniapp.PushReplayGuard;
import io.mendian.platform.miniapp.TokenStore;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxCrypto;
import io.mendian.wechat.WxXml;
import io.quarkus.logging.Log;

/**
 * What WeChat calls: the authorization-event URL (tickets, authorized, unauthorized), the message-and-event URL per
 * mini-program (audit results) and the browser's return from the authorization page. Pushes are trusted only after
 * the signature, the decryption and the trailing appid check out; anything else is rejected with 401 and logged.
 */
@Path("/wechat/open")
@Tag(name = "WeChat callbacks")
@PermitAll
public class WeChatCallbackResource {

    private final WxCrypto crypto;
    private final TokenStore tokens;
    private final Authorizations authorizations;
    private final Deployments deployments;
    private final PushReplayGuard replays;

    public WeChatCallbackResource(
            WeChatSettings settings,
            TokenStore tokens,
            Authorizations authorizations,
            Deployments deployments,
            PushReplayGuard replays) {
        this.replays = replays;
        this.crypto = WxCrypto.of(settings.component());
        this.tokens = tokens;
        this.authorizations = authorizations;
        this.deployments = deployments;
    }

    @POST
    @Path("/notify/auth")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(
            summary =
                    "WeChat's authorization events: component_verify_ticket every 10 minutes, authorized, unauthorized")
    public String authEvents(
            @QueryParam("timestamp") String timestamp,
            @QueryParam("nonce") String nonce,
            @QueryParam("msg_signature") String signature,
            String body) {
        Map<String, String> message = open("auth", timestamp, nonce, signature, body);
        if (replays.alreadyHandled("auth", timestamp, nonce, signature)) {
            return "success";
        }
        switch (message.getOrDefault("InfoType", "")) {
            case "component_verify_ticket" -> tokens.recordTicket(message.get("ComponentVerifyTicket"), Instant.now());
            case "authorized", "updateauthorized" ->
                authorizations.completeByPush(message.get("PreAuthCode"), message.get("AuthorizationCode"));
            case "unauthorized" -> authorizations.revoke(message.get("AuthorizerAppid"));
            default -> Log.infof("ignoring WeChat authorization event %s", message.get("InfoType"));
        }
        replays.handled("auth", timestamp, nonce, signature);
        return "success";
    }

    @POST
    @Path("/notify/apps/{appid}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(
            summary = "WeChat's messages and events for one authorized mini-program: audit success, rejection, delay")
    public String appEvents(
            @PathParam("appid") String appid,
            @QueryParam("timestamp") String timestamp,
            @QueryParam("nonce") String nonce,
            @QueryParam("msg_signature") String signature,
            String body) {
        Map<String, String> message = open(appid, timestamp, nonce, signature, body);
        String original = authorizations.originalIdOf(appid).orElse(null);
        if (original == null || !original.equals(message.get("ToUserName"))) {
            // Signed by WeChat, but about another mini-program than the one this URL is for.
            Log.warnf("rejected a WeChat push on %s addressed to %s", appid, message.get("ToUserName"));
            throw new ProblemException(Problem.of(
                    401, "push-appid-mismatch", "Unauthorized", "the message is not addressed to this mini-program"));
        }
        if (replays.alreadyHandled(appid, timestamp, nonce, signature)) {
            return "success";
        }
        if ("event".equals(message.get("MsgType"))
                && !deployments.onAudit(appid, message.getOrDefault("Event", ""), message.get("Reason"))) {
            throw new ProblemException(Problem.of(
                    503, "retry-later", "Service Unavailable", "the submission is still being recorded; push again"));
        }
        replays.handled(appid, timestamp, nonce, signature);
        return "success";
    }

    @GET
    @Path("/authorized")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Where WeChat's authorization page sends the administrator's browser back, with auth_code")
    public Response authorized(@QueryParam("state") String state, @QueryParam("auth_code") String authCode) {
        String appid = authorizations.completeByState(state, authCode);
        return Response.ok(
                        "<!doctype html><meta charset=utf-8><title>Authorized</title><p>Mini-program " + appid
                                + " is authorized. Mendian is deploying it; follow the progress in HQ (GET /api/hq/miniapp).</p>")
                .build();
    }

    private Map<String, String> open(String channel, String timestamp, String nonce, String signature, String body) {
        Map<String, String> message;
        try {
            String encrypted = WxXml.parse(body == null ? "" : body).get("Encrypt");
            message = WxXml.parse(crypto.decrypt(signature, timestamp, nonce, encrypted));
        } catch (WxCrypto.Rejected | IllegalArgumentException e) {
            Log.warnf("rejected a WeChat push on %s: %s", channel, e.getMessage());
            throw new ProblemException(Problem.of(
                    401, "invalid-signature", "Unauthorized", "the message signature or encryption is invalid"));
        }
        replays.requireFresh(timestamp, Instant.now());
        return message;
    }
}
