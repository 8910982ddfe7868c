package io.mendian.web;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Test-only routes that fail in the HTTP layer, below the REST layer's exception mappers: what a failure while writing
 * a response, or in a handler before a resource, looks like to {@link FailureProblems}.
 */
@ApplicationScoped
public class FailingRoutes {

    void install(@Observes Router router) {
        router.get("/test-failures/bug").handler(ctx -> ctx.fail(new IllegalStateException("a defect")));
        router.get("/test-failures/rush")
                .handler(ctx -> ctx.fail(new IllegalStateException(
                        "wrapped", new SQLException("canceling statement due to statement timeout", "57014"))));
        router.get("/test-failures/refused")
                .handler(ctx -> ctx.fail(403, new IllegalStateException("refused by a handler before the API")));
    }
}
