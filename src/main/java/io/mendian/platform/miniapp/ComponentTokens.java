package io.mendian.platform.miniapp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.platform.miniapp.TokenRows.Refreshed;
import io.mendian.platform.miniapp.TokenRows.Row;
import io.mendian.web.Rows;
import io.mendian.wechat.OpenPlatformApi;
import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The component's own credentials: the component_verify_ticket WeChat pushes every ten minutes, the component access
 * token bought with it, and the health of that chain as the operator sees it. Split out of {@link TokenStore} because
 * the component's chain hangs on the ticket, while an authorizer's hangs on its refresh token
 * ({@link AuthorizerTokens}); the row locking both share is {@link TokenRows}.
 */
@ApplicationScoped
class ComponentTokens {

    private final OpenPlatformApi api;
    private final WeChatSettings settings;
    private final TokenRows rows;

    ComponentTokens(OpenPlatformApi api, WeChatSettings settings, TokenRows rows) {
        this.api = api;
        this.settings = settings;
        this.rows = rows;
    }

    void recordTicket(String ticket, Instant at) {
        QuarkusTransaction.requiringNew()
                .run(() -> TokenRows.em()
                        .createNativeQuery(
                                "insert into platform.wechat_ticket (component_appid, ticket, received_at) "
                                        + "values (?1, ?2, ?3) on conflict (component_appid) do update set ticket = excluded.ticket, received_at = excluded.received_at")
                        .setParameter(1, appid())
                        .setParameter(2, ticket)
                        .setParameter(3, at.atOffset(ZoneOffset.UTC))
                        .executeUpdate());
    }

    String token() {
        return rows.token(appid(), "component", this::refresh);
    }

    TokenStore.ComponentStatus status() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> tickets = TokenRows.em()
                    .createNativeQuery("select received_at from platform.wechat_ticket where component_appid = ?1")
                    .setParameter(1, appid())
                    .getResultList();
            OffsetDateTime ticketAt = tickets.isEmpty() ? null : Rows.offset(tickets.get(0));
            Optional<Row> row = rows.read(appid());
            Instant now = Instant.now();
            boolean ticketFresh = ticketAt != null
                    && ticketAt.toInstant()
                            .plus(settings.component().ticketValidity())
                            .isAfter(now);
            boolean tokenValid = row.map(r -> r.token() != null && r.expiresAt().isAfter(now))
                    .orElse(false);
            return new TokenStore.ComponentStatus(
                    state(ticketAt, ticketFresh, tokenValid),
                    ticketAt,
                    row.map(r -> r.expiresAt() == null ? null : r.expiresAt().atOffset(ZoneOffset.UTC))
                            .orElse(null),
                    row.map(Row::lastError).orElse(null));
        });
    }

    String appid() {
        return settings.component().appid();
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

    private Refreshed refresh(Row current) {
        @SuppressWarnings("unchecked")
        List<Object[]> tickets = TokenRows.em()
                .createNativeQuery("select ticket, received_at from platform.wechat_ticket where component_appid = ?1")
                .setParameter(1, appid())
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
}
