package io.mendian.identity;

import io.smallrye.config.ConfigMapping;

/** Where the Keycloak Admin API is and how provisioning authenticates to it. */
@ConfigMapping(prefix = "mendian.keycloak")
public interface KeycloakConfig {

    /** Base URL of the Keycloak server, without {@code /realms}. */
    String url();

    /** The realm that holds operators and all brand staff. */
    String realm();

    /** Keycloak as browsers reach it (the consoles' sign-in), when it differs from {@link #url()}. */
    String publicUrl();

    /** The service-account client used by provisioning and staff management. */
    String provisionerClientId();

    String provisionerSecret();
}
