package io.mendian.platform.miniapp;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The refresh journal: an authorizer refresh token WeChat rotated to, kept sealed until the token row holds it. WeChat
 * may retire the old refresh token as soon as it answers, so the new one must survive a crash of the refresh that
 * received it. Split out of {@link TokenStore} because it is written outside the row lock's transaction (by
 * {@link AuthorizerTokens}) and cleared inside it (by {@link TokenRows#save}).
 */
@ApplicationScoped
class RefreshJournal {

    private final SecretBox secrets;

    RefreshJournal(SecretBox secrets) {
        this.secrets = secrets;
    }

    /** Committed at once, apart from the row lock's transaction, so that the new token survives a crash before it. */
    void record(String appid, String refreshToken) {
        QuarkusTransaction.requiringNew()
                .run(() -> TokenRows.em()
                        .createNativeQuery(
                                "insert into platform.wechat_refresh_journal (appid, refresh_token_enc, received_at) values (?1, ?2, now()) "
                                        + "on conflict (appid) do update set refresh_token_enc = excluded.refresh_token_enc, received_at = now()")
                        .setParameter(1, appid)
                        .setParameter(2, secrets.seal(refreshToken, "wechat:refresh:" + appid))
                        .executeUpdate());
    }

    /** Runs in the caller's transaction: the journaled refresh token, still sealed. */
    Optional<String> sealed(String appid) {
        @SuppressWarnings("unchecked")
        List<String> rows = TokenRows.em()
                .createNativeQuery("select refresh_token_enc from platform.wechat_refresh_journal where appid = ?1")
                .setParameter(1, appid)
                .getResultList();
        return rows.stream().findFirst();
    }

    /** Runs in the caller's transaction. */
    void clear(String appid) {
        TokenRows.em()
                .createNativeQuery("delete from platform.wechat_refresh_journal where appid = ?1")
                .setParameter(1, appid)
                .executeUpdate();
    }
}
