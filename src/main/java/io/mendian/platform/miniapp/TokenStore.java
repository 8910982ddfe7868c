package io.mendian.platform.miniapp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.wechat.WeChatSettings;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The central, per-appid token store for the component and every authorized mini-program. Tokens are refreshed
 * early (when less than {@code refresh-ahead} is left). A refresh takes the appid's row lock with SKIP LOCKED: the
 * instance that gets it refreshes, the others keep using the still-valid token, so two instances never both refresh.
 * If WeChat or the ticket is late, the last valid token is served until it expires; after that callers get a 503
 * {@code wechat-degraded} problem and {@link #componentStatus()} says why. Refresh tokens are stored sealed.
 *
 * <p>This class is the store's face to the rest of the platform and its early-refresh schedule. The work is split by
 * what a token hangs on: {@link ComponentTokens} (the pushed ticket), {@link AuthorizerTokens} (a rotating refresh
 * token, made crash-safe by {@link RefreshJournal}), and {@link TokenRows}, the row locking both share.
 */
@ApplicationScoped
public class TokenStore {

    /** The component's health as the operator sees it. */
    public record ComponentStatus(
            String state, OffsetDateTime ticketReceivedAt, OffsetDateTime tokenExpiresAt, String lastError) {}

    private final WeChatSettings settings;
    private final ComponentTokens component;
    private final AuthorizerTokens authorizers;

    TokenStore(WeChatSettings settings, ComponentTokens component, AuthorizerTokens authorizers) {
        this.settings = settings;
        this.component = component;
        this.authorizers = authorizers;
    }

    public void recordTicket(String ticket, Instant at) {
        component.recordTicket(ticket, at);
    }

    public String componentToken() {
        return component.token();
    }

    public String authorizerToken(String appid) {
        return authorizers.token(appid);
    }

    /** Keeps the tokens WeChat handed over at authorization; the refresh token only sealed. */
    public void storeAuthorizer(String appid, String accessToken, long expiresIn, String refreshToken) {
        authorizers.store(appid, accessToken, expiresIn, refreshToken);
    }

    public ComponentStatus componentStatus() {
        return component.status();
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
            List<String> rows = TokenRows.em()
                    .createNativeQuery(
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
                if (appid.equals(component.appid())) {
                    componentToken();
                } else {
                    authorizerToken(appid);
                }
            } catch (RuntimeException e) {
                Log.debugf("early refresh of %s failed: %s", appid, e.getMessage());
            }
        }
    }
}
