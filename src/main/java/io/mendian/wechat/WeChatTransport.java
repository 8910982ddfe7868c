package io.mendian.wechat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.operations.BusinessMetrics;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * One call to WeChat with timeouts and fault tolerance. WeChat's "system busy" (errcode -1) and an unreachable WeChat
 * are retried twice with a short delay; when most recent calls failed that way the circuit opens and calls fail at
 * once for a while instead of piling up threads on a WeChat that is down. WeChat's business errors (a bad token, a
 * rejected audit) are answers, not failures: they are neither retried nor counted.
 */
@ApplicationScoped
public class WeChatTransport {

    private final WeChatEndpoints endpoints;
    private final ObjectMapper json;
    private final BusinessMetrics metrics;
    private volatile WeChatHttp client;

    public WeChatTransport(WeChatEndpoints endpoints, ObjectMapper json, BusinessMetrics metrics) {
        this.metrics = metrics;
        this.endpoints = endpoints;
        this.json = json;
    }

    /** WeChat asked us to retry (errcode -1) or could not be reached. */
    public static final class Busy extends WxApiException {
        public Busy(String message) {
            super(-1, message);
        }
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = Busy.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 30_000, failOn = Busy.class)
    public JsonNode post(String path, String componentToken, String accessToken, Object body) {
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return read(path, () -> client().post(path, componentToken, accessToken, payload));
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = Busy.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 30_000, failOn = Busy.class)
    public JsonNode get(String path, String accessToken) {
        return read(path, () -> client().get(path, accessToken));
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = Busy.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 30_000, failOn = Busy.class)
    public JsonNode codeToSession(String appid, String code, String componentAppid, String componentToken) {
        return read(
                "sns/component/jscode2session",
                () -> client().codeToSession(appid, code, "authorization_code", componentAppid, componentToken));
    }

    /** One call, counted by API path (a fixed set) and WeChat's errcode, or unreachable / http-NNN / not-json. */
    private JsonNode read(String api, Supplier<String> call) {
        String text;
        try {
            text = call.get();
        } catch (ProcessingException e) {
            metrics.countNow("mendian.wechat.calls", "api", api, "errcode", "unreachable");
            throw new Busy("WeChat unreachable: " + e.getMessage());
        } catch (WebApplicationException e) {
            metrics.countNow(
                    "mendian.wechat.calls",
                    "api",
                    api,
                    "errcode",
                    "http-" + e.getResponse().getStatus());
            throw new Busy("WeChat answered HTTP " + e.getResponse().getStatus());
        }
        JsonNode answer;
        try {
            answer = json.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            metrics.countNow("mendian.wechat.calls", "api", api, "errcode", "not-json");
            throw new Busy("WeChat answered something that is not JSON");
        }
        int errcode = answer.path("errcode").asInt(0);
        metrics.countNow("mendian.wechat.calls", "api", api, "errcode", String.valueOf(errcode));
        if (errcode == -1) {
            throw new Busy(answer.path("errmsg").asText("system busy"));
        }
        if (errcode != 0) {
            throw new WxApiException(errcode, answer.path("errmsg").asText(""));
        }
        return answer;
    }

    private WeChatHttp client() {
        WeChatHttp current = client;
        if (current == null) {
            // Built on first use: the sandbox's base is this app's own port, known only once it listens.
            current = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(endpoints.apiBase()))
                    .connectTimeout(5, TimeUnit.SECONDS)
                    .readTimeout(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)
                    .build(WeChatHttp.class);
            client = current;
        }
        return current;
    }
}
