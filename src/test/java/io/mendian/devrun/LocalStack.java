package io.mendian.devrun;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.testinfra.EmbeddedInfrastructure;

/** The packaged application as a child process, pointed at self-started infrastructure (demo run and benchmarks). */
public final class LocalStack implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path project = Path.of(System.getProperty("user.dir"));
    private EmbeddedInfrastructure infra;
    private Map<String, String> config;
    private Process app;
    private int port;

    /**
     * Another instance of the application on the same components (several instances behind one address); it never
     * stops the components it shares.
     */
    public LocalStack sibling() {
        LocalStack other = new LocalStack();
        other.config = config;
        return other;
    }

    public EmbeddedInfrastructure startInfrastructure(int preferredKeycloakPort) {
        infra = new EmbeddedInfrastructure(project).preferKeycloakPort(preferredKeycloakPort);
        config = infra.start();
        return infra;
    }

    /** Starts the app and returns how long it took to become ready, in milliseconds. */
    public long startApp(int preferredPort, String logName, String... extraProperties)
            throws IOException, InterruptedException {
        return startApp(preferredPort, logName, true, extraProperties);
    }

    /** Starts the app; with {@code awaitReady} false it returns at once (the caller expects it to die early). */
    public long startApp(int preferredPort, String logName, boolean awaitReady, String... extraProperties)
            throws IOException, InterruptedException {
        Path jar = project.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + "; package the application first");
        }
        port = EmbeddedInfrastructure.portOr(preferredPort);
        // Every exception keeps its message and stack, however often its site has thrown: the JIT otherwise throws a
        // shared one with neither, and a log line then says only "NullPointerException".
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:-OmitStackTraceInFastThrow"));
        // The packaged jar runs in the dev profile (sandbox WeChat, development secrets); the prod profile refuses
        // those.
        // A later -Dquarkus.profile in extraProperties wins.
        command.add("-Dquarkus.profile=dev");
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        for (String property : extraProperties) {
            command.add("-D" + property);
        }
        command.add("-jar");
        command.add(jar.toString());
        Path log = project.resolve("target/" + logName);
        long start = System.nanoTime();
        app = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
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

    /** SIGKILL, as {@code kill -9}: no shutdown hooks, no graceful drain, open transactions die with the process. */
    public void killApp() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the application survived SIGKILL");
            }
        }
    }

    /** The port the application listens on (a restart can ask for the same one). */
    public int port() {
        return port;
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

    /** A password login to the "mendian" realm through the dev client (demo logins, bench brands, the operator). */
    public String token(String username, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=mendian-dev-cli&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(infra.keycloakUrl() + "/realms/mendian/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "login of " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private void awaitReady(Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the application exited; see " + log);
            }
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(URI.create(api() + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
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
