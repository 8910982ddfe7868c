package io.mendian.wechat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The WeChat Open Platform calls a third-party platform makes (component and authorizer tokens, authorization, code
 * management). Each returns WeChat's JSON; a non-zero errcode or an unreachable WeChat is a {@link WxApiException}.
 */
@ApplicationScoped
public class OpenPlatformApi {

    private final WeChatEndpoints endpoints;
    private final WeChatTransport transport;

    public OpenPlatformApi(WeChatEndpoints endpoints, WeChatTransport transport) {
        this.endpoints = endpoints;
        this.transport = transport;
    }

    public JsonNode componentToken(String componentAppid, String secret, String ticket) {
        return post(
                "/cgi-bin/component/api_component_token",
                Map.of(
                        "component_appid",
                        componentAppid,
                        "component_appsecret",
                        secret,
                        "component_verify_ticket",
                        ticket));
    }

    public JsonNode preAuthCode(String componentToken, String componentAppid) {
        return post(
                "/cgi-bin/component/api_create_preauthcode?component_access_token=" + enc(componentToken),
                Map.of("component_appid", componentAppid));
    }

    public JsonNode queryAuth(String componentToken, String componentAppid, String authCode) {
        return post(
                "/cgi-bin/component/api_query_auth?component_access_token=" + enc(componentToken),
                Map.of("component_appid", componentAppid, "authorization_code", authCode));
    }

    /** The authorizer's account: {@code authorizer_info.user_name} is the original id (gh_...) its messages are addressed to. */
    public JsonNode authorizerInfo(String componentToken, String componentAppid, String authorizerAppid) {
        return post(
                "/cgi-bin/component/api_get_authorizer_info?component_access_token=" + enc(componentToken),
                Map.of("component_appid", componentAppid, "authorizer_appid", authorizerAppid));
    }

    public JsonNode authorizerToken(
            String componentToken, String componentAppid, String authorizerAppid, String refreshToken) {
        return post(
                "/cgi-bin/component/api_authorizer_token?component_access_token=" + enc(componentToken),
                Map.of(
                        "component_appid",
                        componentAppid,
                        "authorizer_appid",
                        authorizerAppid,
                        "authorizer_refresh_token",
                        refreshToken));
    }

    /** The authorization page a brand's administrator opens to authorize its mini-program (auth_type 2 = mini-programs). */
    public String authorizationPage(String componentAppid, String preAuthCode, String redirectUri) {
        return endpoints.authPageBase() + "/cgi-bin/componentloginpage?component_appid=" + enc(componentAppid)
                + "&pre_auth_code=" + enc(preAuthCode) + "&redirect_uri=" + enc(redirectUri) + "&auth_type=2";
    }

    /** Sets the mini-program's server domains to ours: https for requests, uploads and downloads, wss for sockets. */
    public JsonNode modifyDomain(String authorizerToken, String host) {
        List<String> https = List.of("https://" + host);
        return post(
                "/wxa/modify_domain?access_token=" + enc(authorizerToken),
                Map.of(
                        "action",
                        "set",
                        "requestdomain",
                        https,
                        "wsrequestdomain",
                        List.of("wss://" + host),
                        "uploaddomain",
                        https,
                        "downloaddomain",
                        https));
    }

    /** ext_json goes to WeChat as a JSON string inside the JSON body, not as an object. */
    public JsonNode commit(
            String authorizerToken, long templateId, String extJson, String userVersion, String userDesc) {
        return post(
                "/wxa/commit?access_token=" + enc(authorizerToken),
                Map.of(
                        "template_id",
                        templateId,
                        "ext_json",
                        extJson,
                        "user_version",
                        userVersion,
                        "user_desc",
                        userDesc));
    }

    /**
     * A mini-program user's login code to their openid (and unionid when the app is bound to an Open Platform
     * account) and session key, through the third-party platform.
     */
    public JsonNode codeToSession(String componentToken, String componentAppid, String appid, String code) {
        return call(() -> transport.codeToSession(appid, code, componentAppid, componentToken));
    }

    /** Sends a one-time subscription message (订阅消息) to a user of the authorizer's mini-program. */
    /** The phone number behind the single-use code of the mini-program's getPhoneNumber button. */
    public JsonNode phoneNumber(String authorizerToken, String code) {
        return post("/wxa/business/getuserphonenumber?access_token=" + enc(authorizerToken), Map.of("code", code));
    }

    public JsonNode subscribeSend(String authorizerToken, java.util.Map<String, Object> message) {
        return post("/cgi-bin/message/subscribe/send?access_token=" + enc(authorizerToken), message);
    }

    /** Without item_list WeChat takes the mini-program's own categories, which differ per brand. */
    public JsonNode submitAudit(String authorizerToken, String versionDesc) {
        return post("/wxa/submit_audit?access_token=" + enc(authorizerToken), Map.of("version_desc", versionDesc));
    }

    public JsonNode latestAuditStatus(String authorizerToken) {
        return get("/wxa/get_latest_auditstatus?access_token=" + enc(authorizerToken));
    }

    public JsonNode release(String authorizerToken) {
        return post("/wxa/release?access_token=" + enc(authorizerToken), Map.of());
    }

    /**
     * WeChat's paths carry their token in the query: the transport sends it as a parameter of its own (and a circuit
     * WeChat's failures opened is reported like WeChat being unreachable).
     */
    private JsonNode post(String path, Object body) {
        String[] parts = split(path);
        return call(() -> "component_access_token".equals(parts[1])
                ? transport.post(parts[0], parts[2], null, body)
                : transport.post(parts[0], null, parts[2], body));
    }

    private JsonNode get(String path) {
        String[] parts = split(path);
        return call(() -> transport.get(parts[0], parts[2]));
    }

    private static JsonNode call(java.util.function.Supplier<JsonNode> work) {
        try {
            return work.get();
        } catch (org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException e) {
            throw new WxApiException(-1, "WeChat calls are paused after repeated failures; retrying shortly");
        }
    }

    /** "/a/b?name=value" into the path without its leading slash, the parameter's name and its decoded value. */
    private static String[] split(String path) {
        int q = path.indexOf('?');
        if (q < 0) {
            return new String[] {path.substring(1), null, null};
        }
        String query = path.substring(q + 1);
        int eq = query.indexOf('=');
        return new String[] {
            path.substring(1, q),
            query.substring(0, eq),
            java.net.URLDecoder.decode(query.substring(eq + 1), StandardCharsets.UTF_8)
        };
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
