package io.mendian.wechat.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxApiException;
import io.mendian.wechat.sandbox.SandboxOpenPlatform.App;

/**
 * Authorization of mini-programs in the simulated Open Platform: pre-auth code, the administrator's approval, the
 * auth code, and the authorizer access and refresh tokens that follow, until the administrator withdraws it. Holds the
 * authorized {@link App}s. Split out of {@link SandboxOpenPlatform} because this is who may act for which appid,
 * while {@link SandboxCodeManagement} is what an authorized appid does with its code.
 */
@ApplicationScoped
class SandboxAuthorizations {

    private final WeChatSettings settings;
    private final SandboxPusher pusher;
    private final SandboxTimer timer;
    private final Map<String, Expiring> preAuthCodes = new ConcurrentHashMap<>();
    private final Map<String, Expiring> authCodes = new ConcurrentHashMap<>();
    private final Map<String, Expiring> authorizerTokens = new ConcurrentHashMap<>();
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final AtomicLong appSequence = new AtomicLong(0x5a0000);

    SandboxAuthorizations(WeChatSettings settings, SandboxPusher pusher, SandboxTimer timer) {
        this.settings = settings;
        this.pusher = pusher;
        this.timer = timer;
    }

    Map<String, Object> preAuthCode() {
        String code = "preauthcode@@@" + UUID.randomUUID();
        preAuthCodes.put(
                code, new Expiring(settings.component().appid(), Instant.now().plusSeconds(1800)));
        return Map.of("pre_auth_code", code, "expires_in", 1800);
    }

    /** See {@link SandboxOpenPlatform#authorize}. */
    String authorize(String preAuthCode, String redirectUri, String bizAppid) {
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
        timer.now(() -> pusher.pushAuthEvent(new LinkedHashMap<>(Map.of(
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
    Map<String, Object> authorizerInfo(JsonNode body) {
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

    Map<String, Object> queryAuth(JsonNode body) {
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

    Map<String, Object> authorizerToken(JsonNode body) {
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

    /** The mini-program an authorizer access token acts for. */
    App appOf(String authorizerToken) {
        return apps.get(Expiring.live(authorizerTokens, authorizerToken).subject());
    }

    App app(String appid) {
        return apps.get(appid);
    }

    /** See {@link SandboxOpenPlatform#unauthorize}. */
    boolean unauthorize(String appid) {
        App app = apps.get(appid);
        if (app == null) {
            throw new WxApiException(40013, "invalid appid");
        }
        app.refreshToken = null;
        authorizerTokens.values().removeIf(t -> t.subject().equals(appid));
        return pusher.pushAuthEvent(Map.of("InfoType", "unauthorized", "AuthorizerAppid", appid));
    }

    private String issueAuthorizerToken(String appid) {
        String token = "at_" + UUID.randomUUID().toString().replace("-", "");
        authorizerTokens.put(token, new Expiring(appid, Instant.now().plusSeconds(7200)));
        return token;
    }
}
