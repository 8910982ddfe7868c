package io.mendian.testinfra;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Shares one set of real components across every test class in the JVM. Keycloak alone takes 15-40 s to start,
 * so restarting per class would blow the 15-minute budget; tests that need a clean slate provision a fresh tenant.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedInfrastructure infra;
    private static Map<String, String> config;

    @Override
    public synchronized Map<String, String> start() {
        if (infra == null) {
            infra = new EmbeddedInfrastructure(Path.of(System.getProperty("user.dir")));
            config = new java.util.HashMap<>(infra.start());
            // A second PostgreSQL server, closed to placement: the brands tests move there (the isolation matrix's
            // operator moves one) are served from it while the rest stay on the first (docs/adr/0022).
            try {
                config.put("mendian.shards.east.url", infra.startShard());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            config.put("mendian.shards.east.username", "postgres");
            config.put("mendian.shards.east.password", "postgres");
            Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "infra-shutdown"));
        }
        return config;
    }

    @Override
    public void stop() {
        // Kept running until the JVM exits: a later test class with another profile reuses it.
    }

    /**
     * A suite that runs the packaged app in its own process starts its own components; the shared fixtures (tokens,
     * Keycloak URL) then use those.
     */
    public static synchronized void adopt(EmbeddedInfrastructure started) {
        infra = started;
    }

    public static EmbeddedInfrastructure infra() {
        return infra;
    }
}
