package io.mendian.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 (formerly 7807) problem body. Every error response of the API has this shape, with
 * {@code application/problem+json}. {@code type} names the error class and is stable for clients to switch on;
 * extension members (such as {@code allowedRange} or {@code violations}) sit beside the standard ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://mendian.io/problems/";

    private final URI type;
    private final String title;
    private final int status;
    private final String detail;
    private String instance;
    private String requestId;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Problem(URI type, String title, int status, String detail) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail);
    }

    /** Shortens caller-supplied text before it is echoed in a problem body or a log line. */
    public static String clip(String raw) {
        return clip(raw, 64);
    }

    /** The same, for longer text stored for people to read later (WeChat's rejection reasons, error messages). */
    public static String clip(String raw, int max) {
        if (raw == null) {
            return "";
        }
        String printable = raw.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= max ? printable : printable.substring(0, max) + "...";
    }

    public Problem with(String key, Object value) {
        extensions.put(key, value);
        return this;
    }

    /**
     * The Retry-After header's value (whole seconds, at least 1) when the problem says when to retry: clients and
     * proxies read the header, people read the field, so a refusal that says when to retry says both.
     */
    java.util.Optional<String> retryAfter() {
        return extensions.get("retryAfterSeconds") instanceof Number seconds
                ? java.util.Optional.of(String.valueOf(Math.max(1, seconds.longValue())))
                : java.util.Optional.empty();
    }

    Problem at(String path, String id) {
        this.instance = path;
        this.requestId = id;
        return this;
    }

    public URI getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    public String getRequestId() {
        return requestId;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
