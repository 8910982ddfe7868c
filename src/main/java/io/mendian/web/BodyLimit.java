package io.mendian.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Answers a declared oversized body with a 413 problem before any of it is read. Vert.x would otherwise close the
 * connection with an empty 413, which clients cannot explain to their users.
 */
@ApplicationScoped
public class BodyLimit {

    private final long max;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize max) {
        this.max = max.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > max) {
                String body =
                        "{\"type\":\"https://mendian.io/problems/payload-too-large\",\"title\":\"Payload too large\",\"status\":413,"
                                + "\"detail\":\"the request body is larger than " + max + " bytes\",\"maxBytes\":" + max
                                + "}";
                ctx.response()
                        .setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(body);
                return;
            }
            ctx.next();
        });
    }
}
