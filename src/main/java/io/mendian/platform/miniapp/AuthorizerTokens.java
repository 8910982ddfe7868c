package io.mendian.platform.miniapp;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.platform.miniapp.TokenRows.Refreshed;
import io.mendian.platform.miniapp.TokenRows.Row;
import io.mendian.platform.signup.Faults;
import io.mendian.wechat.OpenPlatformApi;
import io.mendian.wechat.WxApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The access and refresh tokens of each authorized mini-program. Split out of {@link TokenStore} because an
 * authorizer's chain hangs on a refresh token that WeChat rotates (kept sealed, and journaled by
 * {@link RefreshJournal} until the row holds it), while the component's hangs on the pushed ticket
 * ({@link ComponentTokens}); the row locking both share is {@link TokenRows}.
 */
@ApplicationScoped
class AuthorizerTokens {

    private final OpenPlatformApi api;
    private final SecretBox secrets;
    private final Faults faults;
    private final TokenRows rows;
    private final ComponentTokens component;
    private final RefreshJournal journal;

    AuthorizerTokens(
            OpenPlatformApi api,
            SecretBox secrets,
            Faults faults,
            TokenRows rows,
            ComponentTokens component,
            RefreshJournal journal) {
        this.api = api;
        this.secrets = secrets;
        this.faults = faults;
        this.rows = rows;
        this.component = component;
        this.journal = journal;
    }

    String token(String appid) {
        return rows.token(appid, "authorizer", row -> refresh(appid, row));
    }

    /** Keeps the tokens WeChat handed over at authorization; the refresh token only sealed. */
    void store(String appid, String accessToken, long expiresIn, String refreshToken) {
        QuarkusTransaction.requiringNew()
                .run(() -> rows.save(appid, "authorizer", accessToken, expiresIn, refreshToken));
    }

    private Refreshed refresh(String appid, Row current) {
        if (current.refreshSealed() == null) {
            throw new WxApiException(61023, "no refresh token for " + appid + "; the brand must authorize again");
        }
        // A refresh token WeChat rotated to on an earlier attempt that never committed is the one that still works.
        String sealed = journal.sealed(appid).orElse(current.refreshSealed());
        JsonNode answer = api.authorizerToken(
                component.token(), component.appid(), appid, secrets.open(sealed, "wechat:refresh:" + appid));
        String rotated = answer.path("authorizer_refresh_token").asText(null);
        if (rotated != null && !rotated.isBlank()) {
            // WeChat may already have retired the old token, so the new one must survive a crash before the row lock's
            // transaction commits.
            journal.record(appid, rotated);
        }
        faults.checkpoint("token.after-refresh-reply");
        return new Refreshed(
                answer.path("authorizer_access_token").asText(),
                answer.path("expires_in").asLong(7200),
                rotated);
    }
}
