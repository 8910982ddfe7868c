package io.mendian.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether Keycloak answers right now, asked at most every few seconds however many consoles start: a console that
 * cannot reach it says sign-in is unavailable instead of sending the browser to an error page. Only a 200 from the
 * realm counts; a proxy's 502 in front of a dead Keycloak does not.
 */
@ApplicationScoped
public class IdentityProbe {

    private static final long FRESH_NANOS = Duration.ofSeconds(5).toNanos();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI realm;
    private long checkedAt;
    private boolean available = true;

    public IdentityProbe(KeycloakConfig keycloak) {
        this.realm = URI.create(keycloak.url() + "/realms/" + keycloak.realm());
    }

    public synchronized boolean available() {
        if (checkedAt != 0 && System.nanoTime() - checkedAt < FRESH_NANOS) {
            return available;
        }
        try {
            available = http.send(
                                    HttpRequest.newBuilder(realm)
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (java.io.IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        checkedAt = System.nanoTime();
        return available;
    }
}
