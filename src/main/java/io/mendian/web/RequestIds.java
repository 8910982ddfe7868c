package io.mendian.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id, taken from {@code X-Request-Id} when the caller sent a sane one, and puts it into the
 * logging context and the response. Problem bodies repeat it so that support can find the log lines.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request, RoutingContext http) {
        String id = idFor(request.getHeaderString(HEADER));
        request.setProperty(MDC_KEY, id);
        // The HTTP layer's last resort (FailureProblems) answers outside the REST layer and quotes the same id.
        http.put(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
        // The trace carries the id support is quoted (a no-op unless tracing is on).
        Span.current().setAttribute("mendian.request_id", id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove("tenant");
    }

    /** The caller's own id when it sent a sane one, a new one otherwise. */
    static String idFor(String given) {
        return given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }

    /** The id the request was given, or a new one when it failed before it was given one. */
    static String of(RoutingContext http) {
        Object id = http.get(MDC_KEY);
        return id == null ? idFor(http.request().getHeader(HEADER)) : id.toString();
    }

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
