package io.mendian.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;

/**
 * Chooses which OIDC configuration verifies a bearer token: the consumer one (tokens this server signs for members)
 * for a token that names the consumer issuer on a shop path, Keycloak's for everything else. The choice reads the
 * token's unverified issuer only to pick the verifier; the chosen configuration then verifies the signature, so a
 * forged "consumer" token is refused like any other, and a consumer token is never accepted outside {@code /api/shop}.
 */
@ApplicationScoped
public class ConsumerTokenRouting implements TenantResolver {

    static final String CONSUMER = "consumer";

    private final String issuer;
    private final ObjectMapper json;

    public ConsumerTokenRouting(
            @ConfigProperty(name = "mendian.consumer-token.issuer") String issuer, ObjectMapper json) {
        this.issuer = issuer;
        this.json = json;
    }

    @Override
    public String resolve(RoutingContext context) {
        String path = context.normalizedPath();
        if (path == null || !path.startsWith("/api/shop/")) {
            return null;
        }
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 8192) {
            return null;
        }
        String[] parts = header.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims =
                    json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return issuer.equals(claims.path("iss").asText()) ? CONSUMER : null;
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }
}
