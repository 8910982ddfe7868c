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
            config = infra.start();
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
