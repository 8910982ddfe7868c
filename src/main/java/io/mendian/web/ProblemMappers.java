package io.mendian.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every exception that reaches the REST layer into a problem body. Unknown exceptions become a 500 with no
 * internals in the body; the log line carries the request id that the body shows.
 */
public class ProblemMappers {

    /** Statement or lock timeout, deadlock loser, serialization conflict. */
    private static final java.util.Set<String> RETRY_STATES = java.util.Set.of("57014", "55P03", "40P01", "40001");

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> Map.of("field", field(v), "message", v.getMessage()))
                .toList();
        return respond(
                Problem.of(
                                400,
                                "validation",
                                "Invalid request",
                                // The words a client shows as they are: which field, and what is wrong with it.
                                "the request has invalid fields: "
                                        + violations.stream()
                                                .limit(3)
                                                .map(v -> v.get("field") + " " + v.get("message"))
                                                .collect(java.util.stream.Collectors.joining("; "))
                                        + (violations.size() > 3 ? "; …" : ""))
                        .with("violations", violations),
                uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String where = e instanceof JsonMappingException mapping
                        && !mapping.getPath().isEmpty()
                ? " at '"
                        + mapping.getPath().stream()
                                .map(ref ->
                                        ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                                .orElse("")
                        + "'"
                : "";
        return respond(
                Problem.of(
                        400,
                        "malformed-body",
                        "Malformed request body",
                        "the body is not valid JSON of the expected shape" + where),
                uri);
    }

    /** Quarkus ships its own (non-problem) mappers for these exact types; ours must be as specific to win. */
    @ServerExceptionMapper
    public Response invalidFormat(com.fasterxml.jackson.databind.exc.InvalidFormatException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "you are not allowed to do this"), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // The JSON reader wraps Jackson's error in a 400; unwrap it so that the client learns which field was wrong.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadable(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String reason = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "Error";
        String detail = status == 404
                ? "no such resource"
                : status == 405
                        ? "method not allowed here"
                        : status == 415
                                ? "unsupported content type; send application/json"
                                : status == 406
                                        ? "cannot produce the requested media type"
                                        : "the request was rejected";
        Response.ResponseBuilder builder = Response.fromResponse(
                respond(Problem.of(status, reason.toLowerCase().replace(' ', '-'), reason, detail), uri));
        // Keep Allow and similar headers that tell the client how to fix the request.
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response staleWrite(OptimisticLockException e, UriInfo uri) {
        return respond(
                Problem.of(
                        409,
                        "concurrent-modification",
                        "Conflict",
                        "the resource was changed by someone else; reload and retry"),
                uri);
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && violation.getKind() == ConstraintKind.UNIQUE) {
                return respond(
                        Problem.of(
                                409, "duplicate", "Conflict", "a resource with the same unique value already exists"),
                        uri);
            }
            cause = cause.getCause();
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof ProblemException problem) {
            return problem(problem, uri);
        }
        return respond(unexpectedProblem(e, uri == null ? "?" : uri.getPath()), uri);
    }

    /**
     * What an exception no mapper knows means to the caller, logged as it deserves: a rush or an outage is a 503 to
     * retry, anything else a 500 whose log line carries the request id. Shared by the REST layer and by the HTTP
     * layer's last resort ({@link FailureProblems}).
     */
    static Problem unexpectedProblem(Throwable e, String path) {
        if (overloaded(e)) {
            Log.warnf("overloaded on %s: %s", path, e);
            return Problem.of(503, "busy", "Busy", "the service is busy right now; try again in a moment")
                    .with("retryAfterSeconds", 1);
        }
        // The brand's tables were renamed aside under a statement that waited for them: a move to another shard
        // (docs/operations/shards.md). Nothing was written; the caller's retry reaches the new server.
        if (schemaGone(e) && brandMoving()) {
            Log.infof("write during a shard move on %s: %s", path, e.getMessage());
            return Problem.of(
                            503,
                            "brand-moving",
                            "Brand briefly read-only",
                            "this brand is being moved to another database server and takes no changes for a "
                                    + "moment; try again shortly")
                    .with("retryAfterSeconds", 15);
        }
        // An outage rather than a fault: a component (Redis, mostly) did not answer. Paths with a better answer
        // (browsing from PostgreSQL, flash sales' flash-unavailable) handle it themselves; the rest say 503 in words.
        if (Outages.unreachable(e)) {
            Log.warnf("a dependency is unreachable on %s: %s", path, e);
            return Problem.of(
                            503,
                            "dependency-unavailable",
                            "Temporarily unavailable",
                            "a service this request needs cannot be reached right now; try again in a moment")
                    .with("retryAfterSeconds", 5);
        }
        Log.errorf(e, "unexpected error on %s", path);
        return Problem.of(
                500,
                "internal",
                "Internal error",
                "an unexpected error occurred; quote the request id when reporting it");
    }

    private Response unauthorized(UriInfo uri) {
        return Response.fromResponse(respond(
                        Problem.of(401, "unauthenticated", "Unauthenticated", "a valid bearer token is required"), uri))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    public static Response respond(Problem problem, UriInfo uri) {
        problem.at(uri == null ? null : uri.getPath(), RequestIds.current());
        Response.ResponseBuilder response =
                Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem);
        problem.retryAfter().ifPresent(seconds -> response.header("Retry-After", seconds));
        return response.build();
    }

    /**
     * A rush rather than a fault: every database connection stayed busy for the pool's whole wait, the transaction
     * outlived its timeout (the reaper rolled it back), a statement or lock wait was cancelled by its timeout, or the
     * worker pool refused the task. The work was rolled back whole (or never began), so the client may simply try
     * again.
     */
    static boolean overloaded(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Agroal says "Sorry, acquisition timeout!" for a full pool and "Acquisition timeout while waiting for new
            // connection" when opening one took the whole wait. Compared lower-cased, so every needle is lower case.
            String message =
                    cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (message.contains("acquisition timeout")
                    || message.contains("arjuna016102")
                    || cause instanceof jakarta.transaction.RollbackException
                    || cause instanceof java.util.concurrent.RejectedExecutionException) {
                return true;
            }
            // Statement or lock timeouts, and the loser of a deadlock or a serialization conflict: nothing was
            // written, and the same request a moment later succeeds.
            // Set.of(...).contains(null) throws: a pool's own SQLException carries no state.
            if (cause instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null
                    && RETRY_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** undefined_table or invalid_schema_name anywhere in the cause chain. */
    private static boolean schemaGone(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql
                    && ("42P01".equals(sql.getSQLState()) || "3F000".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean brandMoving() {
        var container = io.quarkus.arc.Arc.container();
        if (!container.requestContext().isActive()) {
            return false;
        }
        return container
                .instance(io.mendian.tenancy.TenantContext.class)
                .get()
                .current()
                .map(brand -> container
                        .instance(io.mendian.tenancy.TenantDirectory.class)
                        .get()
                        .standing(brand)
                        .moving())
                .orElse(false);
    }

    private static String field(ConstraintViolation<?> violation) {
        // "create.request.name" -> "name": the method and parameter names mean nothing to a client.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
