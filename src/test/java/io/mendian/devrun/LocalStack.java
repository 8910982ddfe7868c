package io.mendian.devrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mendian.testinfra.EmbeddedInfrastructure;

/** The packaged application as a child process, pointed at self-started infrastructure (demo run and benchmarks). */
public final class LocalStack implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path project = Path.of(System.getProperty("user.dir"));
    private EmbeddedInfrastructure infra;
    private Map<String, String> config;
    private Process app;
    private int port;

    public EmbeddedInfrastructure startInfrastructure(int preferredKeycloakPort) {
        infra = new EmbeddedInfrastructure(project).preferKeycloakPort(preferredKeycloakPort);
        config = infra.start();
        return infra;
    }

    /** Starts the app and returns how long it took to become ready, in milliseconds. */
    public long startApp(int preferredPort, String logName, String... extraProperties) throws IOException, InterruptedException {
        return startApp(preferredPort, logName, true, extraProperties);
    }

    /** Starts the app; with {@code awaitReady} false it returns at once (the caller expects it to die early). */
    public long startApp(int preferredPort, String logName, boolean awaitReady, String... extraProperties) throws IOException, InterruptedException {
        Path jar = project.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + "; package the application first");
        }
        port = EmbeddedInfrastructure.portOr(preferredPort);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        for (String property : extraProperties) {
            command.add("-D" + property);
        }
        command.add("-jar");
        command.add(jar.toString());
        Path log = project.resolve("target/" + logName);
        long start = System.nanoTime();
        app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (awaitReady) {
            awaitReady(log);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Waits for the application process to die on its own (a fault-injected halt); returns its exit code. */
    public int awaitAppExit(Duration timeout) throws InterruptedException {
        if (!app.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the application did not exit");
        }
        return app.exitValue();
    }

    public void stopApp() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    public String api() {
        return "http://127.0.0.1:" + port;
    }

    public EmbeddedInfrastructure infra() {
        return infra;
    }

    private void awaitReady(Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the application exited; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the application did not become ready; see " + log);
    }

    @Override
    public void close() {
        try {
            stopApp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (infra != null) {
            infra.close();
        }
    }
}
