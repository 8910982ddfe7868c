package io.mendian.platform.miniapp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.platform.miniapp.persistence.MiniAppEntity;
import io.mendian.platform.signup.Faults;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;
import io.mendian.wechat.OpenPlatformApi;
import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxApiException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The central, per-appid token store for the component and every authorized mini-program. Tokens are refreshed
 * early (when less than {@code refresh-ahead} is left). A refresh takes the appid's row lock with SKIP LOCKED: the
 * instance that gets it refreshes, the others keep using the still-valid token, so two instances never both refresh.
 * If WeChat or the ticket is late, the last valid token is served until it expires; after that callers get a 503
 * {@code wechat-degraded} problem and {@link #componentStatus()} says why. Refresh tokens are stored sealed.
 */
@ApplicationScoped
public class TokenStore {

    /** The component's health as the operator sees it. */
    public record ComponentStatus(
            String state, OffsetDateTime ticketReceivedAt, OffsetDateTime tokenExpiresAt, String lastError) {}

    private record Row(String token, Instant expiresAt, String refreshSealed, String lastError) {}

    private final OpenPlatformApi api;
    private final WeChatSettings settings;
    private final SecretBox secrets;
    private final Faults faults;

    public TokenStore(OpenPlatformApi api, WeChatSettings settings, SecretBox secrets, Faults faults) {
        this.faults = faults;
        this.api = api;
        this.settings = settings;
        this.secrets = secrets;
    }

    public void recordTicket(String ticket, Instant at) {
        QuarkusTransaction.requiringNew()
                .run(() -> em().createNativeQuery(
                                "insert into platform.wechat_ticket (component_appid, ticket, received_at) "
                                        + "values (?1, ?2, ?3) on conflict (component_appid) do update set ticket = excluded.ticket, received_at = excluded.received_at")
                        .setParameter(1, componentAppid())
                        .setParameter(2, ticket)
                        .setParameter(3, at.atOffset(ZoneOffset.UTC))
                        .executeUpdate());
    }

    public String componentToken() {
        return token(componentAppid(), "component", this::refreshComponent);
    }

    public String authorizerToken(String appid) {
        return token(appid, "authorizer", row -> refreshAuthorizer(appid, row));
    }

    /** Keeps the tokens WeChat handed over at authorization; the refresh token only sealed. */
    public void storeAuthorizer(String appid, String accessToken, long expiresIn, String refreshToken) {
        QuarkusTransaction.requiringNew().run(() -> save(appid, "authorizer", accessToken, expiresIn, refreshToken));
    }

    /**
     * Refreshes, ahead of need, every token that is inside its refresh window: the component's and each authorized
     * mini-program's. Runs on every instance; the row lock makes one of them do each refresh. A failure is recorded on
     * the row and retried on the next pass.
     */
    @Scheduled(
            every = "${mendian.wechat.token-refresh-interval:60s}",
            delayed = "20s",
            executeWith = Scheduled.SIMPLE,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepWarm() {
        List<String> due = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em().createNativeQuery(
                            "select t.appid from platform.wechat_token t left join platform.miniapp_authorization a "
                                    + "on a.appid = t.appid where t.expires_at < ?1 and (t.kind = 'component' or a.status = 'AUTHORIZED')")
                    .setParameter(
                            1,
                            Instant.now()
                                    .plus(settings.component().refreshAhead())
                                    .atOffset(ZoneOffset.UTC))
                    .getResultList();
            return rows;
        });
        for (String appid : due) {
            try {
                if (appid.equals(componentAppid())) {
                    componentToken();
                } else {
                    authorizerToken(appid);
                }
            } catch (RuntimeException e) {
                Log.debugf("early refresh of %s failed: %s", appid, e.getMessage());
            }
        }
    }

    public ComponentStatus componentStatus() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> tickets = em().createNativeQuery(
                            "select received_at from platform.wechat_ticket where component_appid = ?1")
                    .setParameter(1, componentAppid())
                    .getResultList();
            OffsetDateTime ticketAt = tickets.isEmpty() ? null : Rows.offset(tickets.get(0));
            Optional<Row> row = read(componentAppid());
            Instant now = Instant.now();
            boolean ticketFresh = ticketAt != null
                    && ticketAt.toInstant()
                            .plus(settings.component().ticketValidity())
                            .isAfter(now);
            boolean tokenValid = row.map(r -> r.token() != null && r.expiresAt().isAfter(now))
                    .orElse(false);
            return new ComponentStatus(
                    state(ticketAt, ticketFresh, tokenValid),
                    ticketAt,
                    row.map(r -> r.expiresAt() == null ? null : r.expiresAt().atOffset(ZoneOffset.UTC))
                            .orElse(null),
                    row.map(Row::lastError).orElse(null));
        });
    }

    /** A fresh ticket means a token can be had on demand; without one, only a still-valid token keeps things going. */
    private static String state(OffsetDateTime ticketAt, boolean ticketFresh, boolean tokenValid) {
        if (ticketFresh) {
            return "OK";
        }
        if (tokenValid) {
            return "TICKET_LATE";
        }
        return ticketAt == null ? "NO_TICKET" : "DEGRADED";
    }

    /** What a refresh returns: the new access token, its lifetime, and a refresh token when WeChat sent one. */
    private record Refreshed(String token, long expiresIn, String refreshToken) {}

    @FunctionalInterface
    private interface Refresher {
        Refreshed refresh(Row current);
    }

    private String token(String appid, String kind, Refresher refresher) {
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

    /** A token, or why there is none (recorded on the row, so the transaction must commit). */
    private record Attempt(String token, String error) {}

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

    private Refreshed refreshComponent(Row current) {
        @SuppressWarnings("unchecked")
        List<Object[]> tickets = em().createNativeQuery(
                        "select ticket, received_at from platform.wechat_ticket where component_appid = ?1")
                .setParameter(1, componentAppid())
                .getResultList();
        if (tickets.isEmpty()) {
            throw new WxApiException(61006, "no component_verify_ticket received yet");
        }
        OffsetDateTime at = Rows.offset(tickets.get(0)[1]);
        if (at.toInstant().plus(settings.component().ticketValidity()).isBefore(Instant.now())) {
            throw new WxApiException(61005, "the latest component_verify_ticket is from " + at + " and has expired");
        }
        var component = settings.component();
        JsonNode answer = api.componentToken(component.appid(), component.secret(), (String) tickets.get(0)[0]);
        return new Refreshed(
                answer.path("component_access_token").asText(),
                answer.path("expires_in").asLong(7200),
                null);
    }

    private Refreshed refreshAuthorizer(String appid, Row current) {
        if (current.refreshSealed() == null) {
            throw new WxApiException(61023, "no refresh token for " + appid + "; the brand must authorize again");
        }
        // A refresh token WeChat rotated to on an earlier attempt that never committed is the one that still works.
        String sealed = journaled(appid).orElse(current.refreshSealed());
        JsonNode answer = api.authorizerToken(
                componentToken(), componentAppid(), appid, secrets.open(sealed, "wechat:refresh:" + appid));
        String rotated = answer.path("authorizer_refresh_token").asText(null);
        if (rotated != null && !rotated.isBlank()) {
            // Committed at once, apart from the row lock's transaction: WeChat may already have retired the old token,
            // so the new one must survive a crash before that transaction commits.
            QuarkusTransaction.requiringNew()
                    .run(() -> em().createNativeQuery(
                                    "insert into platform.wechat_refresh_journal (appid, refresh_token_enc, received_at) values (?1, ?2, now()) "
                                            + "on conflict (appid) do update set refresh_token_enc = excluded.refresh_token_enc, received_at = now()")
                            .setParameter(1, appid)
                            .setParameter(2, secrets.seal(rotated, "wechat:refresh:" + appid))
                            .executeUpdate());
        }
        faults.checkpoint("token.after-refresh-reply");
        return new Refreshed(
                answer.path("authorizer_access_token").asText(),
                answer.path("expires_in").asLong(7200),
                rotated);
    }

    private Optional<String> journaled(String appid) {
        @SuppressWarnings("unchecked")
        List<String> rows = em().createNativeQuery(
                        "select refresh_token_enc from platform.wechat_refresh_journal where appid = ?1")
                .setParameter(1, appid)
                .getResultList();
        return rows.stream().findFirst();
    }

    private void save(String appid, String kind, String token, long expiresIn, String refreshToken) {
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
        em().createNativeQuery("delete from platform.wechat_refresh_journal where appid = ?1")
                .setParameter(1, appid)
                .executeUpdate();
    }

    private boolean fresh(Row row, Instant now) {
        return row.token() != null
                && row.expiresAt() != null
                && row.expiresAt().minus(settings.component().refreshAhead()).isAfter(now);
    }

    private Optional<Row> read(String appid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery(
                        "select access_token, expires_at, refresh_token_enc, last_error from platform.wechat_token "
                                + "where appid = ?1")
                .setParameter(1, appid)
                .getResultList();
        return rows.stream().findFirst().map(r -> row(appid, r));
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

    private ProblemException degraded(String appid, String why) {
        return new ProblemException(Problem.of(
                503,
                "wechat-degraded",
                "WeChat unavailable",
                "no valid WeChat token for " + appid + ": " + Problem.clip(why)
                        + ". It recovers when WeChat's next ticket or answer arrives."));
    }

    private String componentAppid() {
        return settings.component().appid();
    }

    private static EntityManager em() {
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
