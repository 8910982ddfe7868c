package io.mendian.wechat.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxApiException;
import io.mendian.wechat.sandbox.SandboxOpenPlatform.App;
import io.mendian.wechat.sandbox.SandboxOpenPlatform.Outcome;

/**
 * Code management in the simulated Open Platform: the template library, server domains, commit, the audit that
 * answers by push after a delay (as a test decided), and release. Split out of {@link SandboxOpenPlatform} because
 * this is the life of an authorized mini-program's code, with WeChat's rules on what may follow what; who may act for
 * an appid is {@link SandboxAuthorizations}'.
 */
@ApplicationScoped
class SandboxCodeManagement {

    static final int MONTHLY_AUDIT_QUOTA = 20;
    private static final Map<Long, String> TEMPLATES = Map.of(100L, "1.0.0", 101L, "1.1.0", 102L, "1.2.0");

    private final WeChatSettings settings;
    private final SandboxPusher pusher;
    private final SandboxTimer timer;
    private final ObjectMapper json;
    private final Map<String, Map.Entry<Outcome, String>> nextOutcome = new ConcurrentHashMap<>();
    private final AtomicLong auditSequence = new AtomicLong(420000);

    SandboxCodeManagement(WeChatSettings settings, SandboxPusher pusher, SandboxTimer timer, ObjectMapper json) {
        this.settings = settings;
        this.pusher = pusher;
        this.timer = timer;
        this.json = json;
    }

    Map<String, Object> templates() {
        return Map.of(
                "template_list",
                TEMPLATES.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> Map.of("template_id", e.getKey(), "user_version", e.getValue(), "template_type", 0))
                        .toList());
    }

    Map<String, Object> modifyDomain(App app, JsonNode body) {
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

    void commit(App app, JsonNode body) {
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

    Map<String, Object> submitAudit(App app) {
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
        timer.after(settings.sandbox().auditDelay(), () -> finishAudit(app, id, outcome.getKey(), outcome.getValue()));
        return Map.of("auditid", id);
    }

    /** Ends audit {@code id} as decided; a later submission has made it moot if the app's audit id moved on. */
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
                timer.after(settings.sandbox().auditDelay(), () -> finishAudit(app, id, Outcome.SUCCESS, null));
            }
        }
    }

    Map<String, Object> latestAuditStatus(App app) {
        if (app.auditStatus < 0) {
            throw new WxApiException(85058, "no audit found");
        }
        Map<String, Object> status = new LinkedHashMap<>(Map.of("auditid", app.auditId, "status", app.auditStatus));
        if (app.reason != null) {
            status.put("reason", app.reason);
        }
        return status;
    }

    void release(App app, String rawBody) {
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

    void nextAudit(String appid, Outcome outcome, String reason) {
        nextOutcome.put(appid, Map.entry(outcome, reason == null ? "" : reason));
    }
}
