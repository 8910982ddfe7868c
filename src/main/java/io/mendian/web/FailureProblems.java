package io.mendian.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP layer's last resort. A failure the REST layer could not map (one raised while writing a mapped response,
 * or in the HTTP layer before a resource is reached) would otherwise get Quarkus's own body, which names an error id
 * and nothing else, and is a 500 even when the cause was a rush the client should simply retry. Here it gets the same
 * answer as a mapped one: a problem body, 503 with Retry-After for a rush or an outage, 500 with the request id for
 * the rest. Security failures and refusals with their own status (an {@code HttpException}, a 4xx) are left to the
 * handlers Quarkus installs for them.
 */
@ApplicationScoped
public class FailureProblems {

    private final ObjectMapper json;

    public FailureProblems(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure == null
                || ctx.response().headWritten()
                || securityFailure(failure)
                || (ctx.statusCode() > 0 && ctx.statusCode() < 500)
                || failure instanceof io.vertx.ext.web.handler.HttpException) {
            // A refusal the HTTP layer already chose (413, 403 …), or a security failure: Quarkus answers those.
            ctx.next();
            return;
        }
        String path = ctx.normalizedPath();
        // The log line must name the id the body quotes: support finds the one through the other.
        String id = RequestIds.of(ctx);
        MDC.put(RequestIds.MDC_KEY, id);
        Problem problem = ProblemMappers.unexpectedProblem(failure, path);
        problem.at(path, id);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            Log.warnf(e, "a problem body could not be written");
            ctx.next();
            return;
        }
        var response = ctx.response()
                .setStatusCode(problem.getStatus())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, id);
        problem.retryAfter().ifPresent(seconds -> response.putHeader("Retry-After", seconds));
        response.end(body);
    }

    private static boolean securityFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().startsWith("io.quarkus.security.")
                    || cause.getClass().getName().startsWith("io.quarkus.oidc.")) {
                return true;
            }
        }
        return false;
    }
}
