package io.mendian.wechat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The WeChat Open Platform calls a third-party platform makes (component and authorizer tokens, authorization, code
 * management). Each returns WeChat's JSON; a non-zero errcode or an unreachable WeChat is a {@link WxApiException}.
 */
@ApplicationScoped
public class OpenPlatformApi {

    private final WeChatEndpoints endpoints;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public OpenPlatformApi(WeChatEndpoints endpoints, ObjectMapper json) {
        this.endpoints = endpoints;
        this.json = json;
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

    private JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(endpoints.apiBase() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode get(String path) {
        return send(
                HttpRequest.newBuilder(URI.create(endpoints.apiBase() + path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(response.body());
            int errcode = body.path("errcode").asInt(0);
            if (response.statusCode() != 200 || errcode != 0) {
                throw new WxApiException(
                        errcode == 0 ? -1 : errcode, body.path("errmsg").asText("HTTP " + response.statusCode()));
            }
            return body;
        } catch (IOException e) {
            throw new WxApiException(-1, "WeChat unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WxApiException(-1, "interrupted");
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
