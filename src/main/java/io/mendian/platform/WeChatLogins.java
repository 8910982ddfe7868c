package io.mendian.platform;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.platform.miniapp.TokenStore;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.mendian.wechat.OpenPlatformApi;
import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxApiException;

/**
 * Mini-program login through the platform's WeChat third-party component ({@code sns/component/jscode2session}), for
 * the contexts that sign consumers in. The session key WeChat returns stays here: it is dropped, never stored or
 * returned, so no client and no other context can ever see it.
 */
@ApplicationScoped
public class WeChatLogins {

    /** Who the login code belongs to: the openid is per mini-program, the unionid (when bound) per Open Platform account. */
    public record WeChatUser(String openid, Optional<String> unionid) {}

    private final io.mendian.platform.miniapp.Authorizations authorizations;
    private final OpenPlatformApi api;
    private final TokenStore tokens;
    private final WeChatSettings settings;

    public WeChatLogins(
            OpenPlatformApi api,
            TokenStore tokens,
            WeChatSettings settings,
            io.mendian.platform.miniapp.Authorizations authorizations) {
        this.authorizations = authorizations;
        this.api = api;
        this.tokens = tokens;
        this.settings = settings;
    }

    /** Exchanges the single-use code from {@code wx.login()}; WeChat's refusals become problems a client can act on. */
    public WeChatUser codeToSession(String appid, String code) {
        JsonNode session;
        try {
            session = api.codeToSession(
                    tokens.componentToken(), settings.component().appid(), appid, code);
        } catch (WxApiException e) {
            throw problem(e);
        }
        String openid = session.path("openid").asText("");
        if (openid.isEmpty()) {
            throw new ProblemException(
                    Problem.of(502, "wechat-login-failed", "WeChat login failed", "WeChat returned no openid"));
        }
        String unionid = session.path("unionid").asText("");
        return new WeChatUser(openid, unionid.isEmpty() ? Optional.empty() : Optional.of(unionid));
    }

    /**
     * The phone number the user chose to share through the mini-program's getPhoneNumber button (its single-use
     * code): WeChat's proof that the user holds it.
     */
    public String phoneNumber(String appid, String code) {
        if (!authorizations.isAuthorized(appid)) {
            // The H5 storefront of a brand without an authorized mini-program: there is no WeChat to vouch for a phone.
            throw ProblemException.conflict(
                    "miniapp-not-authorized", "this mini-program is not authorized to the platform; sign in by SMS");
        }
        JsonNode answer;
        try {
            answer = api.phoneNumber(tokens.authorizerToken(appid), code);
        } catch (WxApiException e) {
            if (e.errcode() == 40029 || e.errcode() == 40163) {
                throw ProblemException.badRequest(
                        "invalid-phone-code", "the phone code is invalid, expired or used; tap the button again");
            }
            throw problem(e);
        }
        String phone = answer.path("phone_info").path("purePhoneNumber").asText("");
        if (phone.isEmpty()) {
            throw new ProblemException(
                    Problem.of(502, "wechat-phone-failed", "WeChat gave no phone", "WeChat returned no phone number"));
        }
        return phone;
    }

    private static ProblemException problem(WxApiException e) {
        return switch (e.errcode()) {
            case 40029 ->
                ProblemException.badRequest(
                        "invalid-login-code", "the login code is invalid or expired; call wx.login() again");
            case 40163 ->
                ProblemException.badRequest(
                        "login-code-used", "the login code was already used; call wx.login() again");
            case 61003 ->
                ProblemException.conflict(
                        "miniapp-not-authorized", "this mini-program is not authorized to the platform");
            case 45011 ->
                new ProblemException(Problem.of(
                        429,
                        "wechat-rate-limited",
                        "Too many logins",
                        "WeChat limits logins per user; try again in a minute"));
            case 40226 -> ProblemException.forbidden("wechat-user-blocked", "WeChat blocked this user as high-risk");
            case -1 ->
                new ProblemException(Problem.of(
                        503, "wechat-unavailable", "WeChat unavailable", "WeChat is busy; try again shortly"));
            default ->
                new ProblemException(Problem.of(
                        502, "wechat-login-failed", "WeChat login failed", "WeChat answered " + e.errcode()));
        };
    }
}
