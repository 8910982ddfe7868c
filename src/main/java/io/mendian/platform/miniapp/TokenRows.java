package io.mendian.platform.miniapp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.platform.miniapp.persistence.MiniAppEntity;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;
import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxApiException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The {@code wechat_token} table and the one way a token in it is served or refreshed, whatever its kind. A refresh
 * takes the appid's row lock with SKIP LOCKED: the instance that gets it refreshes, the others keep using the
 * still-valid token, so two instances never both refresh. A failed refresh is recorded on the row and the last valid
 * token served until it expires; after that callers get a 503 {@code wechat-degraded} problem. Split out of
 * {@link TokenStore} because this locking is shared by {@link ComponentTokens} and {@link AuthorizerTokens}, which
 * differ only in how they ask WeChat for a new token.
 */
@ApplicationScoped
class TokenRows {

    /** A token row as read, with the access token already opened and the refresh token still sealed. */
    record Row(String token, Instant expiresAt, String refreshSealed, String lastError) {}

    /** What a refresh returns: the new access token, its lifetime, and a refresh token when WeChat sent one. */
    record Refreshed(String token, long expiresIn, String refreshToken) {}

    /** Asks WeChat for a new token; runs under the row lock, inside its transaction. */
    @FunctionalInterface
    interface Refresher {
        Refreshed refresh(Row current);
    }

    /** A token, or why there is none (recorded on the row, so the transaction must commit). */
    private record Attempt(String token, String error) {}

    private final WeChatSettings settings;
    private final SecretBox secrets;
    private final RefreshJournal journal;

    TokenRows(WeChatSettings settings, SecretBox secrets, RefreshJournal journal) {
        this.settings = settings;
        this.secrets = secrets;
        this.journal = journal;
    }

    /** The appid's token: the stored one while it is fresh, else one refreshed by whichever instance gets the lock. */
    String token(String appid, String kind, Refresher refresher) {
        Instant now = Instant.now();
        Optional<Row> current = QuarkusTransaction.requiringNew().call(() -> read(appid));
        if (current.isPresent() && fresh(current.get(), now)) {
            return current.get().token();
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            Optional<Attempt> refreshed =
                    QuarkusTransaction.requiringNew().call(() -> refreshLocked(appid, kind, refresher));
            if (refreshed.isPresent()) {
                if (refreshed.get().token() == null) {
                    throw degraded(appid, refreshed.get().error());
                }
                return refreshed.get().token();
            }
            // Another instance holds the lock and is refreshing: a still-valid token serves meanwhile.
            Optional<Row> row = QuarkusTransaction.requiringNew().call(() -> read(appid));
            if (row.isPresent()
                    && row.get().token() != null
                    && row.get().expiresAt().isAfter(Instant.now())) {
                return row.get().token();
            }
            sleep(100);
        }
        throw degraded(appid, "another instance is refreshing the token and none is valid yet");
    }

    /** Runs in a transaction; empty when another instance holds the row lock. */
    private Optional<Attempt> refreshLocked(String appid, String kind, Refresher refresher) {
        em().createNativeQuery("insert into platform.wechat_token (appid, kind) values (?1, ?2) on conflict do nothing")
                .setParameter(1, appid)
                .setParameter(2, kind)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> locked = em().createNativeQuery(
                        "select access_token, expires_at, refresh_token_enc, last_error from platform.wechat_token "
                                + "where appid = ?1 for update skip locked")
                .setParameter(1, appid)
                .getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Row row = row(appid, locked.get(0));
        Instant now = Instant.now();
        if (fresh(row, now)) {
            return Optional.of(new Attempt(row.token(), null));
        }
        try {
            Refreshed refreshed = refresher.refresh(row);
            save(appid, kind, refreshed.token(), refreshed.expiresIn(), refreshed.refreshToken());
            Log.infof("refreshed the %s token of %s", kind, appid);
            return Optional.of(new Attempt(refreshed.token(), null));
        } catch (WxApiException | ProblemException e) {
            em().createNativeQuery(
                            "update platform.wechat_token set failures = failures + 1, last_error = ?2, updated_at = now() where appid = ?1")
                    .setParameter(1, appid)
                    .setParameter(2, Problem.clip(e.getMessage(), 490))
                    .executeUpdate();
            if (row.token() != null && row.expiresAt().isAfter(now)) {
                Log.warnf(
                        "could not refresh the %s token of %s (%s); serving the current one until %s",
                        kind, appid, e.getMessage(), row.expiresAt());
                return Optional.of(new Attempt(row.token(), null));
            }
            Log.errorf("no valid %s token for %s: %s", kind, appid, e.getMessage());
            return Optional.of(new Attempt(null, e.getMessage()));
        }
    }

    /** Runs in the caller's transaction: stores a token, both parts sealed, and clears the failure count. */
    void save(String appid, String kind, String token, long expiresIn, String refreshToken) {
        em().createNativeQuery(
                        "insert into platform.wechat_token (appid, kind, access_token, expires_at, refresh_token_enc, refreshed_at, failures, "
                                + "last_error, updated_at) values (?1, ?2, ?3, ?4, ?5, now(), 0, null, now()) on conflict (appid) do update set access_token = "
                                + "excluded.access_token, expires_at = excluded.expires_at, refresh_token_enc = coalesce(excluded.refresh_token_enc, "
                                + "platform.wechat_token.refresh_token_enc), refreshed_at = now(), failures = 0, last_error = null, updated_at = now()")
                .setParameter(1, appid)
                .setParameter(2, kind)
                .setParameter(3, secrets.seal(token, "wechat:access:" + appid))
                .setParameter(4, Instant.now().plusSeconds(expiresIn).atOffset(ZoneOffset.UTC))
                .setParameter(
                        5,
                        refreshToken == null || refreshToken.isBlank()
                                ? null
                                : secrets.seal(refreshToken, "wechat:refresh:" + appid))
                .executeUpdate();
        // The row holds the newest refresh token now, in this same transaction: the journal entry has done its job.
        journal.clear(appid);
    }

    /** Runs in the caller's transaction. */
    Optional<Row> read(String appid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery(
                        "select access_token, expires_at, refresh_token_enc, last_error from platform.wechat_token "
                                + "where appid = ?1")
                .setParameter(1, appid)
                .getResultList();
        return rows.stream().findFirst().map(r -> row(appid, r));
    }

    /** Fresh: not yet inside its refresh window ({@code refresh-ahead} before it expires). */
    private boolean fresh(Row row, Instant now) {
        return row.token() != null
                && row.expiresAt() != null
                && row.expiresAt().minus(settings.component().refreshAhead()).isAfter(now);
    }

    /** Access tokens are stored sealed too; a value from before sealing (plain) serves until its next refresh. */
    private Row row(String appid, Object[] r) {
        OffsetDateTime expires = Rows.offset(r[1]);
        String token = (String) r[0];
        if (token != null && (token.startsWith("v1:") || token.startsWith("v2:"))) {
            token = secrets.open(token, "wechat:access:" + appid);
        }
        return new Row(token, expires == null ? Instant.EPOCH : expires.toInstant(), (String) r[2], (String) r[3]);
    }

    private static ProblemException degraded(String appid, String why) {
        return new ProblemException(Problem.of(
                503,
                "wechat-degraded",
                "WeChat unavailable",
                "no valid WeChat token for " + appid + ": " + Problem.clip(why)
                        + ". It recovers when WeChat's next ticket or answer arrives."));
    }

    static EntityManager em() {
        return MiniAppEntity.getEntityManager();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
