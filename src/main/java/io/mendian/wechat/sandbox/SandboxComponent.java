package io.mendian.wechat.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxApiException;
import io.quarkus.scheduler.Scheduled;

/**
 * The component's side of the simulated Open Platform: the component_verify_ticket pushed on a clock, and the
 * component access token bought with it. Split out of {@link SandboxOpenPlatform} because this chain exists before
 * any mini-program is authorized and is what tests pause or count to exercise the platform's token store; the
 * per-mini-program tokens are {@link SandboxAuthorizations}'.
 */
@ApplicationScoped
class SandboxComponent {

    private final WeChatSettings settings;
    private final SandboxPusher pusher;
    private final Map<String, Instant> tickets = new ConcurrentHashMap<>();
    private final Map<String, Expiring> componentTokens = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastTicketPush = new AtomicReference<>(Instant.EPOCH);
    private final AtomicBoolean ticketsPaused = new AtomicBoolean();
    private final AtomicLong componentTokensIssued = new AtomicLong();

    SandboxComponent(WeChatSettings settings, SandboxPusher pusher) {
        this.settings = settings;
        this.pusher = pusher;
    }

    /** WeChat pushes a fresh ticket every 10 minutes; this checks often so that a failed push is retried soon. */
    @Scheduled(
            every = "5s",
            delayed = "2s",
            executeWith = Scheduled.SIMPLE,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void ticketClock() {
        if (settings.sandbox().enabled()
                && !ticketsPaused.get()
                && Duration.between(lastTicketPush.get(), Instant.now())
                                .compareTo(settings.sandbox().ticketInterval())
                        >= 0) {
            pushTicket();
        }
    }

    String pushTicket() {
        String ticket = "ticket@@@" + UUID.randomUUID();
        tickets.put(ticket, Instant.now());
        if (pusher.pushAuthEvent(Map.of("InfoType", "component_verify_ticket", "ComponentVerifyTicket", ticket))) {
            lastTicketPush.set(Instant.now());
        }
        return ticket;
    }

    void pauseTickets(boolean paused) {
        ticketsPaused.set(paused);
    }

    Map<String, Object> componentToken(JsonNode body) {
        var component = settings.component();
        if (!component.appid().equals(body.path("component_appid").asText())) {
            throw new WxApiException(40013, "invalid appid");
        }
        if (!component.secret().equals(body.path("component_appsecret").asText())) {
            throw new WxApiException(40125, "invalid appsecret");
        }
        Instant issued = tickets.get(body.path("component_verify_ticket").asText());
        if (issued == null) {
            throw new WxApiException(61006, "component ticket is invalid");
        }
        if (issued.plus(Duration.ofHours(12)).isBefore(Instant.now())) {
            throw new WxApiException(61005, "component ticket is expired");
        }
        String token = "ct_" + UUID.randomUUID().toString().replace("-", "");
        componentTokensIssued.incrementAndGet();
        componentTokens.put(token, new Expiring(component.appid(), Instant.now().plusSeconds(7200)));
        return Map.of("component_access_token", token, "expires_in", 7200);
    }

    void requireComponentToken(String token) {
        Expiring.live(componentTokens, token);
    }

    long componentTokensIssued() {
        return componentTokensIssued.get();
    }
}
