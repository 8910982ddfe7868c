package io.mendian.identity.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.IdentityProbe;
import io.mendian.identity.KeycloakConfig;

/**
 * Where the web consoles sign people in: Keycloak's address as a browser reaches it (which may differ from the one
 * the app uses inside the cluster), the realm and the public console client (authorization code with PKCE).
 */
@Path("/api/console/config")
@Tag(name = "Consoles")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleConfigResource {

    /** What a console needs to start its sign-in, and whether it can sign in right now. */
    public record ConsoleConfig(String keycloakUrl, String realm, String clientId, boolean identityAvailable) {}

    private final KeycloakConfig keycloak;
    private final String clientId;
    private final IdentityProbe probe;

    public ConsoleConfigResource(
            KeycloakConfig keycloak,
            IdentityProbe probe,
            @ConfigProperty(name = "mendian.console.client-id", defaultValue = "mendian-console") String clientId) {
        this.keycloak = keycloak;
        this.probe = probe;
        this.clientId = clientId;
    }

    @GET
    @Operation(
            summary = "How the web consoles sign in",
            description = "Keycloak's browser-facing address, the realm and the public console client; "
                    + "identityAvailable is false while Keycloak does not answer (checked at most every 5 s), when "
                    + "consoles say that sign-in is unavailable.")
    public ConsoleConfig get() {
        return new ConsoleConfig(keycloak.publicUrl(), keycloak.realm(), clientId, probe.available());
    }
}
