package io.mendian.wechat.sandbox.pay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.wechat.WeChatSettings;
import io.quarkus.logging.Log;

/**
 * Delivers callbacks the way WeChat Pay does: the resource sealed with the APIv3 key, the raw body signed with the
 * platform key, and a non-2xx answer (or no answer) retried on the configured schedule until it is exhausted. Every
 * delivery is kept (bounded) so tests can replay one as an attacker or a network would.
 */
@ApplicationScoped
public class SandboxPayNotifier {

    /** One delivered callback: the URL, the exact headers and the raw body. */
    public record Delivery(String url, Map<String, String> headers, String body, String reference, int status) {}

    private static final int KEPT = 500;

    private final SandboxPayCrypto crypto;
    private final ObjectMapper json;
    private final List<Duration> schedule;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-pay-notifier");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedDeque<Delivery> delivered = new ConcurrentLinkedDeque<>();

    public SandboxPayNotifier(SandboxPayCrypto crypto, ObjectMapper json, WeChatSettings settings) {
        this.crypto = crypto;
        this.json = json;
        this.schedule = settings.sandbox().pay().retrySchedule();
    }

    /** Sends {@code eventType} with {@code plaintext} sealed as {@code resourceType}; retried in the background. */
    public void notify(
            String url, String eventType, String resourceType, String summary, Object plaintext, String ref) {
        String body;
        try {
            SandboxPayCrypto.Sealed sealed = crypto.seal(json.writeValueAsString(plaintext), resourceType);
            body = json.writeValueAsString(Map.of(
                    "id",
                    "EV-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24),
                    "create_time",
                    OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString(),
                    "resource_type",
                    "encrypt-resource",
                    "event_type",
                    eventType,
                    "summary",
                    summary,
                    "resource",
                    Map.of(
                            "original_type", resourceType,
                            "algorithm", "AEAD_AES_256_GCM",
                            "ciphertext", sealed.ciphertext(),
                            "associated_data", sealed.associatedData(),
                            "nonce", sealed.nonce())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        timer.execute(() -> attempt(url, body, ref, 0));
    }

    private void attempt(String url, String body, String ref, int attempt) {
        int status = send(url, body, ref);
        if (status / 100 != 2 && attempt < schedule.size()) {
            timer.schedule(
                    () -> attempt(url, body, ref, attempt + 1),
                    schedule.get(attempt).toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Runs something later on the sandbox's timer (WeChat Pay finishing work in the background). */
    public void later(Duration delay, Runnable work) {
        timer.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Posts a signed callback once (freshly signed, as WeChat signs each attempt); answers the HTTP status or 0. */
    public int send(String url, String body, String ref) {
        SandboxPayCrypto.Signed signed = crypto.sign(body);
        Map<String, String> headers = Map.of(
                "Wechatpay-Timestamp", signed.timestamp(),
                "Wechatpay-Nonce", signed.nonce(),
                "Wechatpay-Signature", signed.signature(),
                "Wechatpay-Serial", signed.serial(),
                "Wechatpay-Signature-Type", SandboxPayCrypto.SCHEMA,
                "Request-ID", UUID.randomUUID().toString());
        int status;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            Log.debugf("sandbox pay callback to %s failed: %s", url, e.getMessage());
            status = 0;
        }
        delivered.addFirst(new Delivery(url, headers, body, ref, status));
        while (delivered.size() > KEPT) {
            delivered.pollLast();
        }
        return status;
    }

    /** The callbacks delivered for an out_trade_no (of one sub-merchant, when given), newest first. */
    public List<Delivery> deliveries(String outTradeNo, String subMchid) {
        return delivered.stream()
                .filter(d -> subMchid == null
                        ? d.reference().endsWith("/" + outTradeNo)
                        : d.reference().equals(subMchid + "/" + outTradeNo))
                .toList();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    static String now() {
        return OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.ofHours(8))
                .withNano(0)
                .toString();
    }
}
