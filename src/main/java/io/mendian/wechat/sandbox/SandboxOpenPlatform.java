package io.mendian.wechat.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxApiException;
import io.quarkus.scheduler.Scheduled;

/**
 * The simulated WeChat Open Platform: the component's ticket and token chain, authorization of mini-programs, and
 * code management with an audit that answers by push after a delay. State is in memory: the sandbox is a test
 * double for one process, not a service. Errors are WeChat's errcodes, so the platform's handling is exercised.
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

    private record Expiring(String subject, Instant expiresAt) {
        boolean live() {
            return Instant.now().isBefore(expiresAt);
        }
    }

    static final int MONTHLY_AUDIT_QUOTA = 20;
    private static final Map<Long, String> TEMPLATES = Map.of(100L, "1.0.0", 101L, "1.1.0", 102L, "1.2.0");

    private final WeChatSettings settings;
    private final SandboxPusher pusher;
    private final ObjectMapper json;
    private final Map<String, Instant> tickets = new ConcurrentHashMap<>();
    private final Map<String, Expiring> componentTokens = new ConcurrentHashMap<>();
    private final Map<String, Expiring> preAuthCodes = new ConcurrentHashMap<>();
    private final Map<String, Expiring> authCodes = new ConcurrentHashMap<>();
    private final Map<String, Expiring> authorizerTokens = new ConcurrentHashMap<>();
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();

    /** The next {@code calls} API calls answer WeChat's "system busy" (errcode -1). */
    public void busyFor(int calls) {
        busy.set(calls);
    }

    /** Whether this call is one of those: counts it down. */
    public boolean takeBusy() {
        return busy.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private final Map<String, Map.Entry<Outcome, String>> nextOutcome = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastTicketPush = new AtomicReference<>(Instant.EPOCH);
    private final AtomicBoolean ticketsPaused = new AtomicBoolean();
    private final AtomicLong appSequence = new AtomicLong(0x5a0000);
    private final AtomicLong auditSequence = new AtomicLong(420000);
    private final AtomicLong componentTokensIssued = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "wechat-sandbox");
        thread.setDaemon(true);
        return thread;
    });

    public SandboxOpenPlatform(WeChatSettings settings, SandboxPusher pusher, ObjectMapper json) {
        this.settings = settings;
        this.pusher = pusher;
        this.json = json;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    public boolean enabled() {
        return settings.sandbox().enabled();
    }

    /** WeChat pushes a fresh ticket every 10 minutes; this checks often so that a failed push is retried soon. */
    @Scheduled(
            every = "5s",
            delayed = "2s",
            executeWith = Scheduled.SIMPLE,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void ticketClock() {
        if (enabled()
                && !ticketsPaused.get()
                && Duration.between(lastTicketPush.get(), Instant.now())
                                .compareTo(settings.sandbox().ticketInterval())
                        >= 0) {
            pushTicket();
        }
    }

    public String pushTicket() {
        String ticket = "ticket@@@" + UUID.randomUUID();
        tickets.put(ticket, Instant.now());
        if (pusher.pushAuthEvent(Map.of("InfoType", "component_verify_ticket", "ComponentVerifyTicket", ticket))) {
            lastTicketPush.set(Instant.now());
        }
        return ticket;
    }

    public void pauseTickets(boolean paused) {
        ticketsPaused.set(paused);
    }

    // --- component token chain -----------------------------------------------------------------------------------

    public Map<String, Object> componentToken(JsonNode body) {
        var component = settings.component();
        if (!component.appid().equals(body.path("component_appid").asText())) {
            throw new WxApiException(40013, "invalid appid");
        }
        if (!component.secret().equals(body.path("component_appsecret").asText())) {
            throw new WxApiException(40125, "invalid appsecret");
        }
        Instant issued = tickets.get(body.path("component_verify_ticket").asText());
        if (issued == null) {
            throw new WxApiException(61006, "component ticket is invalid");
        }
        if (issued.plus(Duration.ofHours(12)).isBefore(Instant.now())) {
            throw new WxApiException(61005, "component ticket is expired");
        }
        String token = "ct_" + UUID.randomUUID().toString().replace("-", "");
        componentTokensIssued.incrementAndGet();
        componentTokens.put(token, new Expiring(component.appid(), Instant.now().plusSeconds(7200)));
        return Map.of("component_access_token", token, "expires_in", 7200);
    }

    public void requireComponentToken(String token) {
        live(componentTokens, token);
    }

    public Map<String, Object> preAuthCode() {
        String code = "preauthcode@@@" + UUID.randomUUID();
        preAuthCodes.put(
                code, new Expiring(settings.component().appid(), Instant.now().plusSeconds(1800)));
        return Map.of("pre_auth_code", code, "expires_in", 1800);
    }

    /**
     * The administrator "scans and confirms" on the authorization page: the sandbox approves at once, pushes the
     * authorized event, and returns the redirect with the auth_code. {@code bizAppid} picks the mini-program.
     */
    public String authorize(String preAuthCode, String redirectUri, String bizAppid) {
        Expiring pre = preAuthCodes.remove(preAuthCode == null ? "" : preAuthCode);
        if (pre == null || !pre.live()) {
            throw new WxApiException(61010, "pre_auth_code is invalid or expired");
        }
        String appid = bizAppid != null && bizAppid.matches("wx[0-9a-f]{16}")
                ? bizAppid
                : String.format("wx%016x", appSequence.incrementAndGet());
        apps.computeIfAbsent(appid, App::new);
        String authCode = "queryauthcode@@@" + UUID.randomUUID();
        authCodes.put(authCode, new Expiring(appid, Instant.now().plusSeconds(600)));
        timer.execute(() -> pusher.pushAuthEvent(new LinkedHashMap<>(Map.of(
                "InfoType",
                "authorized",
                "AuthorizerAppid",
                appid,
                "AuthorizationCode",
                authCode,
                "AuthorizationCodeExpiredTime",
                Instant.now().plusSeconds(600).getEpochSecond(),
                "PreAuthCode",
                preAuthCode))));
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "auth_code=" + authCode + "&expires_in=600";
    }

    /** WeChat's api_get_authorizer_info: the account behind an authorized appid, with its original id. */
    public Map<String, Object> authorizerInfo(JsonNode body) {
        String appid = body.path("authorizer_appid").asText();
        App app = apps.get(appid);
        if (app == null) {
            throw new WxApiException(61003, "component is not authorized by this account");
        }
        return Map.of(
                "authorizer_info",
                Map.of(
                        "user_name",
                        SandboxPusher.originalId(appid),
                        "nick_name",
                        "Sandbox " + appid,
                        "principal_name",
                        "Sandbox"),
                "authorization_info",
                Map.of("authorizer_appid", appid));
    }

    public Map<String, Object> queryAuth(JsonNode body) {
        Expiring code = authCodes.get(body.path("authorization_code").asText());
        if (code == null || !code.live()) {
            throw new WxApiException(61010, "authorization_code is invalid or expired");
        }
        App app = apps.get(code.subject());
        app.refreshToken = "refreshtoken@@@" + UUID.randomUUID();
        String token = issueAuthorizerToken(app.appid);
        List<Map<String, Object>> funcs = List.of(17, 18, 19, 25, 30, 31).stream()
                .map(id -> Map.<String, Object>of("funcscope_category", Map.of("id", id)))
                .toList();
        return Map.of(
                "authorization_info",
                Map.of(
                        "authorizer_appid",
                        app.appid,
                        "authorizer_access_token",
                        token,
                        "expires_in",
                        7200,
                        "authorizer_refresh_token",
                        app.refreshToken,
                        "func_info",
                        funcs));
    }

    public Map<String, Object> authorizerToken(JsonNode body) {
        App app = apps.get(body.path("authorizer_appid").asText());
        if (app == null
                || app.refreshToken == null
                || !app.refreshToken.equals(
                        body.path("authorizer_refresh_token").asText())) {
            throw new WxApiException(61023, "refresh_token is invalid");
        }
        // WeChat may hand out a new refresh token with a new access token, and the old one then stops working: the
        // sandbox always does, so that a platform that loses the new one finds out.
        app.refreshToken = "refreshtoken@@@" + UUID.randomUUID();
        return Map.of(
                "authorizer_access_token",
                issueAuthorizerToken(app.appid),
                "expires_in",
                7200,
                "authorizer_refresh_token",
                app.refreshToken);
    }

    private String issueAuthorizerToken(String appid) {
        String token = "at_" + UUID.randomUUID().toString().replace("-", "");
        authorizerTokens.put(token, new Expiring(appid, Instant.now().plusSeconds(7200)));
        return token;
    }

    // --- code management -------------------------------------------------------------------------------------------

    public App appOf(String authorizerToken) {
        return apps.get(live(authorizerTokens, authorizerToken).subject());
    }

    public Map<String, Object> templates() {
        return Map.of(
                "template_list",
                TEMPLATES.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> Map.of("template_id", e.getKey(), "user_version", e.getValue(), "template_type", 0))
                        .toList());
    }

    public Map<String, Object> modifyDomain(App app, JsonNode body) {
        List<String> domains = json.convertValue(
                body.path("requestdomain"), json.getTypeFactory().constructCollectionType(List.class, String.class));
        if ("set".equals(body.path("action").asText())
                || "add".equals(body.path("action").asText())) {
            if (domains == null || domains.isEmpty()) {
                throw new WxApiException(85015, "requestdomain is empty");
            }
            app.domains = List.copyOf(domains);
        }
        return Map.of("requestdomain", app.domains);
    }

    public void commit(App app, JsonNode body) {
        long template = body.path("template_id").asLong(-1);
        if (!TEMPLATES.containsKey(template)) {
            throw new WxApiException(85064, "template not found");
        }
        JsonNode ext = body.path("ext_json");
        if (!ext.isTextual()) {
            throw new WxApiException(47001, "data format error: ext_json must be a JSON string");
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(ext.asText());
        } catch (Exception e) {
            throw new WxApiException(47001, "data format error: ext_json is not JSON");
        }
        if (!parsed.isObject()
                || (parsed.has("extAppid")
                        && !app.appid.equals(parsed.path("extAppid").asText()))) {
            throw new WxApiException(85063, "ext_json extAppid does not match the authorizer");
        }
        if (app.domains.isEmpty()) {
            throw new WxApiException(85017, "set the server domains before committing");
        }
        if (app.auditStatus == 2 || app.auditStatus == 4) {
            throw new WxApiException(85009, "a version is already under audit");
        }
        app.templateId = template;
        app.version = body.path("user_version").asText(TEMPLATES.get(template));
        app.extJson = ext.asText();
        app.auditStatus = -1;
        app.reason = null;
    }

    public Map<String, Object> submitAudit(App app) {
        if (app.templateId == null) {
            throw new WxApiException(85086, "commit code before submitting it for audit");
        }
        if (app.auditStatus == 2 || app.auditStatus == 4) {
            throw new WxApiException(85009, "a version is already under audit");
        }
        if (app.audits.incrementAndGet() > MONTHLY_AUDIT_QUOTA) {
            throw new WxApiException(85085, "monthly audit quota reached");
        }
        long id = auditSequence.incrementAndGet();
        app.auditId = id;
        app.auditStatus = 2;
        app.reason = null;
        Map.Entry<Outcome, String> outcome = nextOutcome.getOrDefault(app.appid, Map.entry(Outcome.SUCCESS, ""));
        long delay = settings.sandbox().auditDelay().toMillis();
        timer.schedule(() -> finishAudit(app, id, outcome.getKey(), outcome.getValue()), delay, TimeUnit.MILLISECONDS);
        return Map.of("auditid", id);
    }

    private void finishAudit(App app, long id, Outcome outcome, String reason) {
        if (app.auditId != id) {
            return;
        }
        long now = Instant.now().getEpochSecond();
        switch (outcome) {
            case SUCCESS -> {
                app.auditStatus = 0;
                pusher.pushAppEvent(app.appid, Map.of("Event", "weapp_audit_success", "SuccTime", now));
            }
            case FAIL -> {
                app.auditStatus = 1;
                app.reason = reason == null || reason.isBlank() ? "小程序内容不符合规范" : reason;
                nextOutcome.remove(app.appid);
                pusher.pushAppEvent(
                        app.appid,
                        Map.of(
                                "Event",
                                "weapp_audit_fail",
                                "Reason",
                                app.reason,
                                "FailTime",
                                now,
                                "ScreenShot",
                                "mediaid1|mediaid2"));
            }
            case DELAY -> {
                app.auditStatus = 4;
                nextOutcome.remove(app.appid);
                pusher.pushAppEvent(app.appid, Map.of("Event", "weapp_audit_delay", "DelayTime", now + 86400));
                timer.schedule(
                        () -> finishAudit(app, id, Outcome.SUCCESS, null),
                        settings.sandbox().auditDelay().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    public Map<String, Object> latestAuditStatus(App app) {
        if (app.auditStatus < 0) {
            throw new WxApiException(85058, "no audit found");
        }
        Map<String, Object> status = new LinkedHashMap<>(Map.of("auditid", app.auditId, "status", app.auditStatus));
        if (app.reason != null) {
            status.put("reason", app.reason);
        }
        return status;
    }

    public void release(App app, String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            throw new WxApiException(44002, "empty post data");
        }
        if (app.auditStatus == 2 || app.auditStatus == 4) {
            throw new WxApiException(85020, "status not allowed: still under audit");
        }
        if (app.auditStatus != 0) {
            throw new WxApiException(85019, "no audited version to release");
        }
        if (app.version != null && app.version.equals(app.releasedVersion)) {
            throw new WxApiException(85052, "this version is already released");
        }
        app.releasedVersion = app.version;
    }

    // --- test hooks ------------------------------------------------------------------------------------------------

    /** The administrator withdraws the authorization in WeChat: its tokens stop working and the platform is told. */
    public boolean unauthorize(String appid) {
        App app = apps.get(appid);
        if (app == null) {
            throw new WxApiException(40013, "invalid appid");
        }
        app.refreshToken = null;
        authorizerTokens.values().removeIf(t -> t.subject().equals(appid));
        return pusher.pushAuthEvent(Map.of("InfoType", "unauthorized", "AuthorizerAppid", appid));
    }

    public void nextAudit(String appid, Outcome outcome, String reason) {
        nextOutcome.put(appid, Map.entry(outcome, reason == null ? "" : reason));
    }

    /** How many component tokens the sandbox has issued: tests check that instances do not refresh in parallel. */
    public long componentTokensIssued() {
        return componentTokensIssued.get();
    }

    public App app(String appid) {
        return apps.get(appid);
    }

    private static Expiring live(Map<String, Expiring> tokens, String token) {
        Expiring found = token == null ? null : tokens.get(token);
        if (found == null) {
            throw new WxApiException(40001, "invalid credential, access_token is invalid or not latest");
        }
        if (!found.live()) {
            throw new WxApiException(42001, "access_token expired");
        }
        return found;
    }
}
