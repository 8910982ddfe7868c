package io.mendian.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

/**
 * Whether Keycloak answers right now, asked at most every few seconds however many consoles start: a console that
 * cannot reach it says sign-in is unavailable instead of sending the browser to an error page. Only a 200 from the
 * realm counts; a proxy's 502 in front of a dead Keycloak does not.
 */
@ApplicationScoped
public class IdentityProbe {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI realm;
    // One entry: concurrent callers of an expired answer wait for one probe instead of each sending their own.
    private final LoadingCache<Boolean, Boolean> answer =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build(ignored -> probe());

    public IdentityProbe(KeycloakConfig keycloak) {
        this.realm = URI.create(keycloak.url() + "/realms/" + keycloak.realm());
    }

    public boolean available() {
        return answer.get(Boolean.TRUE);
    }

    private boolean probe() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(realm)
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
