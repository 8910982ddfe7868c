package io.mendian.wechat.sandbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.wechat.WeChatSettings;

/**
 * The simulated WeChat Open Platform: the component's ticket and token chain, authorization of mini-programs, and
 * code management with an audit that answers by push after a delay. State is in memory: the sandbox is a test
 * double for one process, not a service. Errors are WeChat's errcodes, so the platform's handling is exercised.
 *
 * <p>This class is the sandbox's one face (to {@link SandboxOpenResource} and to tests) and its fault switch. The
 * state is split along WeChat's own seams, each with its own credentials and rules: {@link SandboxComponent} (ticket
 * and component token), {@link SandboxAuthorizations} (who may act for which appid) and {@link SandboxCodeManagement}
 * (what an authorized appid does with its code).
 */
@ApplicationScoped
public class SandboxOpenPlatform {

    /** How the next audit of an appid ends. */
    public enum Outcome {
        SUCCESS,
        FAIL,
        DELAY
    }

    /** What the sandbox knows about one authorized mini-program. */
    public static final class App {
        public final String appid;
        public volatile List<String> domains = List.of();
        public volatile Long templateId;
        public volatile String version;
        public volatile String extJson;
        public volatile long auditId;
        /** WeChat's audit status: 0 passed, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed; -1 never submitted. */
        public volatile int auditStatus = -1;

        public volatile String reason;
        public volatile String releasedVersion;
        public volatile String refreshToken;
        public final AtomicLong audits = new AtomicLong();

        App(String appid) {
            this.appid = appid;
        }
    }

    private final WeChatSettings settings;
    private final SandboxComponent component;
    private final SandboxAuthorizations authorizations;
    private final SandboxCodeManagement code;
    private final AtomicInteger busy = new AtomicInteger();

    SandboxOpenPlatform(
            WeChatSettings settings,
            SandboxComponent component,
            SandboxAuthorizations authorizations,
            SandboxCodeManagement code) {
        this.settings = settings;
        this.component = component;
        this.authorizations = authorizations;
        this.code = code;
    }

    public boolean enabled() {
        return settings.sandbox().enabled();
    }

    /** The next {@code calls} API calls answer WeChat's "system busy" (errcode -1). */
    public void busyFor(int calls) {
        busy.set(calls);
    }

    /** Whether this call is one of those: counts it down. */
    public boolean takeBusy() {
        return busy.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    // --- component token chain -----------------------------------------------------------------------------------

    public String pushTicket() {
        return component.pushTicket();
    }

    public void pauseTickets(boolean paused) {
        component.pauseTickets(paused);
    }

    public Map<String, Object> componentToken(JsonNode body) {
        return component.componentToken(body);
    }

    public void requireComponentToken(String token) {
        component.requireComponentToken(token);
    }

    /** How many component tokens the sandbox has issued: tests check that instances do not refresh in parallel. */
    public long componentTokensIssued() {
        return component.componentTokensIssued();
    }

    // --- authorization -------------------------------------------------------------------------------------------

    public Map<String, Object> preAuthCode() {
        return authorizations.preAuthCode();
    }

    /**
     * The administrator "scans and confirms" on the authorization page: the sandbox approves at once, pushes the
     * authorized event, and returns the redirect with the auth_code. {@code bizAppid} picks the mini-program.
     */
    public String authorize(String preAuthCode, String redirectUri, String bizAppid) {
        return authorizations.authorize(preAuthCode, redirectUri, bizAppid);
    }

    /** WeChat's api_get_authorizer_info: the account behind an authorized appid, with its original id. */
    public Map<String, Object> authorizerInfo(JsonNode body) {
        return authorizations.authorizerInfo(body);
    }

    public Map<String, Object> queryAuth(JsonNode body) {
        return authorizations.queryAuth(body);
    }

    public Map<String, Object> authorizerToken(JsonNode body) {
        return authorizations.authorizerToken(body);
    }

    public App appOf(String authorizerToken) {
        return authorizations.appOf(authorizerToken);
    }

    public App app(String appid) {
        return authorizations.app(appid);
    }

    /** The administrator withdraws the authorization in WeChat: its tokens stop working and the platform is told. */
    public boolean unauthorize(String appid) {
        return authorizations.unauthorize(appid);
    }

    // --- code management -------------------------------------------------------------------------------------------

    public Map<String, Object> templates() {
        return code.templates();
    }

    public Map<String, Object> modifyDomain(App app, JsonNode body) {
        return code.modifyDomain(app, body);
    }

    public void commit(App app, JsonNode body) {
        code.commit(app, body);
    }

    public Map<String, Object> submitAudit(App app) {
        return code.submitAudit(app);
    }

    public Map<String, Object> latestAuditStatus(App app) {
        return code.latestAuditStatus(app);
    }

    public void release(App app, String rawBody) {
        code.release(app, rawBody);
    }

    public void nextAudit(String appid, Outcome outcome, String reason) {
        code.nextAudit(appid, outcome, reason);
    }
}
