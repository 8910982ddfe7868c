package io.mendian.membership.login;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mendian.web.Problem;
import io.mendian.web.ProblemException;

/**
 * The SMS channel while no provider is configured: with the WeChat sandbox on (dev, tests, the demo) messages are kept
 * for half an hour, the last five per phone, for {@link SandboxSmsResource} to show; with it off (production without a
 * provider) SMS login answers 503 sms-unavailable rather than pretending to send.
 */
@ApplicationScoped
public class SandboxSms implements SmsChannel {

    /** One message as the phone received it. */
    public record Message(String appid, String phone, String text, Instant at) {}

    private final Cache<String, List<Message>> inbox = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(30))
            .build();

    private final boolean enabled;

    public SandboxSms(
            @ConfigProperty(name = "mendian.wechat.sandbox.enabled", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void send(String appid, String phone, String text) {
        if (!enabled) {
            throw new ProblemException(Problem.of(
                    503, "sms-unavailable", "SMS unavailable", "this deployment sends no SMS; sign in with WeChat"));
        }
        inbox.asMap().compute(phone, (k, old) -> {
            List<Message> next = new ArrayList<>(old == null ? List.of() : old);
            next.add(new Message(appid, phone, text, Instant.now()));
            return List.copyOf(next.subList(Math.max(0, next.size() - 5), next.size()));
        });
    }

    boolean enabled() {
        return enabled;
    }

    List<Message> messages(String phone) {
        List<Message> found = inbox.getIfPresent(phone);
        return found == null ? List.of() : found.reversed();
    }
}
