package io.mendian.wechat.sandbox;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.wechat.WxApiException;
import io.mendian.wechat.sandbox.SandboxOpenPlatform.App;

/**
 * The WeChat Open Platform sandbox over HTTP, at WeChat's own paths under /sandbox/wechat/open. Answers like WeChat:
 * HTTP 200 with {@code errcode}/{@code errmsg}. The {@code /test} paths are the sandbox's controls for tests and the
 * demo. Disabled (404) unless {@code mendian.wechat.sandbox.enabled=true}.
 */
@Path("/sandbox/wechat/open")
@Tag(name = "WeChat sandbox (dev and test only)")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SandboxOpenResource {

    private final SandboxOpenPlatform sandbox;
    private final ObjectMapper json;

    private final SandboxLogins logins;
    private final SandboxMessages messages;

    public SandboxOpenResource(
            SandboxOpenPlatform sandbox, ObjectMapper json, SandboxLogins logins, SandboxMessages messages) {
        this.messages = messages;
        this.sandbox = sandbox;
        this.json = json;
        this.logins = logins;
    }

    @GET
    @Path("/sns/component/jscode2session")
    public Response codeToSession(
            @QueryParam("appid") String appid,
            @QueryParam("js_code") String code,
            @QueryParam("component_access_token") String token) {
        return answer(() -> {
            sandbox.requireComponentToken(token);
            return logins.session(appid, code);
        });
    }

    @POST
    @Path("/test/apps/{appid}/js-codes")
    @Operation(
            summary = "Test control: what wx.login() returns in the mini-program, as a given user",
            description = "A code valid for 5 minutes and once; the same user always gets the same openid.")
    public Response jsCode(@PathParam("appid") String appid, @QueryParam("user") String user) {
        requireEnabled();
        if (user == null || user.isBlank() || user.length() > 64 || appid.length() > 32) {
            throw io.mendian.web.ProblemException.badRequest("invalid-user", "user (1-64 characters) is required");
        }
        return Response.ok(Map.of("code", logins.issue(appid, user), "openid", SandboxLogins.openid(appid, user)))
                .build();
    }

    @POST
    @Path("/cgi-bin/component/api_component_token")
    public Response componentToken(String body) {
        return answer(() -> sandbox.componentToken(read(body)));
    }

    @POST
    @Path("/cgi-bin/component/api_create_preauthcode")
    public Response preAuthCode(@QueryParam("component_access_token") String token, String body) {
        return answer(() -> {
            sandbox.requireComponentToken(token);
            return sandbox.preAuthCode();
        });
    }

    @POST
    @Path("/cgi-bin/component/api_query_auth")
    public Response queryAuth(@QueryParam("component_access_token") String token, String body) {
        return answer(() -> {
            sandbox.requireComponentToken(token);
            return sandbox.queryAuth(read(body));
        });
    }

    @POST
    @Path("/cgi-bin/component/api_authorizer_token")
    public Response authorizerToken(@QueryParam("component_access_token") String token, String body) {
        return answer(() -> {
            sandbox.requireComponentToken(token);
            return sandbox.authorizerToken(read(body));
        });
    }

    @POST
    @Path("/cgi-bin/component/api_get_authorizer_info")
    public Response authorizerInfo(@QueryParam("component_access_token") String token, String body) {
        return answer(() -> {
            sandbox.requireComponentToken(token);
            return sandbox.authorizerInfo(read(body));
        });
    }

    @POST
    @Path("/cgi-bin/component/api_start_push_ticket")
    public Response startPushTicket(String body) {
        return answer(() -> {
            sandbox.pushTicket();
            return Map.of();
        });
    }

    @GET
    @Path("/wxa/gettemplatelist")
    public Response templates(@QueryParam("access_token") String token) {
        return answer(() -> {
            sandbox.requireComponentToken(token);
            return sandbox.templates();
        });
    }

    /** Stand-in for mp.weixin.qq.com's authorization page: approves at once and redirects with the auth_code. */
    @GET
    @Path("/mp/cgi-bin/componentloginpage")
    @Produces(MediaType.TEXT_PLAIN)
    public Response authorizationPage(
            @QueryParam("pre_auth_code") String preAuthCode,
            @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("biz_appid") String bizAppid) {
        requireEnabled();
        if (redirectUri == null || !(redirectUri.startsWith("http://") || redirectUri.startsWith("https://"))) {
            return Response.status(400)
                    .entity("redirect_uri is missing or not http(s)")
                    .build();
        }
        try {
            return Response.seeOther(URI.create(sandbox.authorize(preAuthCode, redirectUri, bizAppid)))
                    .build();
        } catch (WxApiException e) {
            return Response.status(400).entity(e.getMessage()).build();
        }
    }

    @POST
    @Path("/wxa/modify_domain")
    public Response modifyDomain(@QueryParam("access_token") String token, String body) {
        return answer(() -> sandbox.modifyDomain(app(token), read(body)));
    }

    @POST
    @Path("/wxa/commit")
    public Response commit(@QueryParam("access_token") String token, String body) {
        return answer(() -> {
            sandbox.commit(app(token), read(body));
            return Map.of();
        });
    }

    @POST
    @Path("/wxa/submit_audit")
    public Response submitAudit(@QueryParam("access_token") String token, String body) {
        return answer(() -> sandbox.submitAudit(app(token)));
    }

    @GET
    @Path("/wxa/get_latest_auditstatus")
    public Response latestAuditStatus(@QueryParam("access_token") String token) {
        return answer(() -> sandbox.latestAuditStatus(app(token)));
    }

    @POST
    @Path("/wxa/release")
    public Response release(@QueryParam("access_token") String token, String body) {
        return answer(() -> {
            sandbox.release(app(token), body);
            return Map.of();
        });
    }

    @POST
    @Path("/wxa/business/getuserphonenumber")
    public Response phoneNumber(@QueryParam("access_token") String token, String body) {
        return answer(() ->
                logins.phoneNumber(app(token).appid, read(body).path("code").asText(null)));
    }

    @POST
    @Path("/test/apps/{appid}/phone-codes")
    @Operation(
            summary = "Test control: what the getPhoneNumber button returns when the user shares a phone number",
            description = "A code valid for 5 minutes and once, for this mini-program only.")
    public Response phoneCode(@PathParam("appid") String appid, @QueryParam("phone") String phone) {
        requireEnabled();
        if (phone == null || !phone.matches("^1[0-9]{10}$") || appid.length() > 32) {
            throw io.mendian.web.ProblemException.badRequest(
                    "invalid-phone", "phone: a mainland mobile number, 11 digits");
        }
        return Response.ok(Map.of("code", logins.issuePhoneCode(appid, phone))).build();
    }

    @POST
    @Path("/cgi-bin/message/subscribe/send")
    public Response subscribeSend(@QueryParam("access_token") String token, String body) {
        return answer(() -> messages.send(app(token).appid, read(body)));
    }

    // --- controls --------------------------------------------------------------------------------------------------

    @POST
    @Path("/test/apps/{appid}/subscriptions")
    @Operation(summary = "Test control: the user allowed one message of the template (wx.requestSubscribeMessage)")
    public Map<String, Object> subscribe(
            @PathParam("appid") String appid,
            @QueryParam("user") String user,
            @QueryParam("template") String template) {
        requireEnabled();
        if (user == null || template == null) {
            throw new jakarta.ws.rs.BadRequestException("user and template are required");
        }
        messages.accept(appid, user, template);
        return Map.of("accepted", template);
    }

    @GET
    @Path("/test/apps/{appid}/messages")
    @Operation(summary = "Test control: the subscription messages a user received, newest first")
    public java.util.List<Map<String, Object>> received(
            @PathParam("appid") String appid, @QueryParam("user") String user) {
        requireEnabled();
        return messages.received(appid, user == null ? "" : user);
    }

    @POST
    @Path("/test/busy")
    @Operation(summary = "Test control: WeChat answers the next N API calls with errcode -1 (system busy)")
    public Response busy(@QueryParam("times") String times) {
        requireEnabled();
        int n;
        try {
            n = Integer.parseInt(times == null ? "1" : times.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > 1000) {
            throw new io.mendian.web.ProblemException(
                    io.mendian.web.Problem.of(400, "invalid-times", "Bad Request", "times must be 0..1000"));
        }
        sandbox.busyFor(n);
        return Response.ok(Map.of("errcode", 0, "busy", n)).build();
    }

    @POST
    @Path("/test/tickets")
    @Operation(summary = "Push a component_verify_ticket now")
    public Response pushTicket() {
        return answer(() -> Map.of("ticket", sandbox.pushTicket()));
    }

    @POST
    @Path("/test/tickets/paused")
    @Operation(summary = "Stop (true) or restart (false) the 10-minute ticket pushes, to simulate a late ticket")
    public Response pauseTickets(@QueryParam("value") boolean paused) {
        return answer(() -> {
            sandbox.pauseTickets(paused);
            return Map.of("paused", paused);
        });
    }

    @POST
    @Path("/test/apps/{appid}/next-audit")
    @Operation(summary = "Decide how the appid's next audit ends: SUCCESS, FAIL (with reason) or DELAY")
    public Response nextAudit(
            @PathParam("appid") String appid,
            @QueryParam("outcome") String outcome,
            @QueryParam("reason") String reason) {
        return answer(() -> {
            SandboxOpenPlatform.Outcome parsed;
            try {
                parsed = SandboxOpenPlatform.Outcome.valueOf(outcome == null ? "" : outcome.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new WxApiException(40097, "outcome must be SUCCESS, FAIL or DELAY");
            }
            sandbox.nextAudit(appid, parsed, reason);
            return Map.of("appid", appid, "outcome", parsed);
        });
    }

    @POST
    @Path("/test/apps/{appid}/unauthorize")
    @Operation(summary = "The administrator withdraws the mini-program's authorization; WeChat pushes 'unauthorized'")
    public Response unauthorize(@PathParam("appid") String appid) {
        return answer(() -> Map.of("delivered", sandbox.unauthorize(appid)));
    }

    @GET
    @Path("/test/apps/{appid}")
    @Operation(summary = "What the sandbox holds for an authorized mini-program")
    public Response appState(@PathParam("appid") String appid) {
        return answer(() -> {
            App app = sandbox.app(appid);
            if (app == null) {
                throw new WxApiException(40013, "invalid appid");
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("appid", app.appid);
            state.put("domains", app.domains);
            state.put("templateId", app.templateId);
            state.put("version", app.version);
            state.put("extJson", app.extJson);
            state.put("auditStatus", app.auditStatus);
            state.put("reason", app.reason);
            state.put("releasedVersion", app.releasedVersion);
            return state;
        });
    }

    private App app(String token) {
        App app = sandbox.appOf(token);
        if (app == null) {
            throw new WxApiException(40013, "invalid appid");
        }
        return app;
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw new WxApiException(44002, "empty post data");
        }
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new WxApiException(47001, "data format error");
        }
    }

    private Response answer(Supplier<Map<String, ?>> work) {
        requireEnabled();
        Map<String, Object> body = new LinkedHashMap<>();
        if (sandbox.takeBusy()) {
            body.put("errcode", -1);
            body.put("errmsg", "system error");
            return Response.ok(body).build();
        }
        try {
            body.put("errcode", 0);
            body.put("errmsg", "ok");
            body.putAll(work.get());
        } catch (WxApiException e) {
            body.clear();
            body.put("errcode", e.errcode());
            body.put("errmsg", e.getMessage().replaceFirst("^WeChat error -?\\d+: ", ""));
        }
        return Response.ok(body).build();
    }

    private void requireEnabled() {
        if (!sandbox.enabled()) {
            throw new NotFoundException();
        }
    }
}
