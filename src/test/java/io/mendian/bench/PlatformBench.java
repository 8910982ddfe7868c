package io.mendian.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.devrun.LocalStack;
import io.mendian.tenancy.LiquibaseRunner;
import io.mendian.tenancy.TenantMigrator;

/**
 * Foundation benchmarks (./mvnw -Pbench): provisioning latency, routing overhead across many tenants, and startup
 * migration time with many schemas. Every figure is printed next to a baseline measured in the same run, because
 * absolute times on shared 2-core machines are noise.
 */
public final class PlatformBench {

    private static final ObjectMapper JSON = BenchClient.JSON;
    private static final HttpClient HTTP = BenchClient.HTTP;
    private final LocalStack stack = new LocalStack();
    private final BenchClient client = new BenchClient(stack);
    private final List<String> report = new ArrayList<>();
    private final int provisioned = Integer.getInteger("bench.provisioning.tenants", 50);
    private final int tenants = Integer.getInteger("bench.routing.tenants", 200);
    private final int clients = Integer.getInteger("bench.routing.clients", 16);
    private final int seconds = Integer.getInteger("bench.routing.seconds", 10);

    public static void main(String[] args) throws Exception {
        var bench = new PlatformBench();
        Runtime.getRuntime().addShutdownHook(new Thread(bench.stack::close, "bench-shutdown"));
        try {
            bench.run();
        } finally {
            bench.stack.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        stack.startInfrastructure(0);
        List<String> props = new ArrayList<>(
                List.of("mendian.signup.expose-temporary-password=true", "mendian.signup.rate-limit-per-hour=100000"));
        String extra = System.getProperty("bench.app.props", "");
        for (String prop : extra.split(",")) {
            if (!prop.isBlank()) {
                props.add(prop.trim());
                line("app property: %s", prop.trim());
            }
        }
        long emptyStartup = stack.startApp(0, "bench-app.log", props.toArray(String[]::new));
        List<BenchClient.Brand> brands = Collections.synchronizedList(new ArrayList<>());
        provisioning(brands);
        routing(brands);
        startupMigration(emptyStartup);
        write();
    }

    // ---------------------------------------------------------------------------------------------- provisioning

    private void provisioning(List<BenchClient.Brand> brands) throws Exception {
        var liquibase = new LiquibaseRunner(stack.infra().dataSource());
        List<Long> baseline = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            liquibase.update("bench_baseline_" + i, TenantMigrator.CHANGELOG);
            baseline.add((System.nanoTime() - t) / 1_000_000);
        }
        List<Long> perTenant = new ArrayList<>();
        for (int i = 0; i < provisioned; i++) {
            long t = System.nanoTime();
            brands.add(client.signUp("bp", "retail", "basic"));
            perTenant.add((System.nanoTime() - t) / 1_000_000);
        }
        long p50 = BenchClient.percentile(perTenant, 50);
        long p95 = BenchClient.percentile(perTenant, 95);
        long base = BenchClient.percentile(baseline, 50);
        line(
                "Provisioning, %d tenants one after another (POST /api/signup until SUCCEEDED, client-side):",
                provisioned);
        line("  p50 %d ms, p95 %d ms, max %d ms per tenant", p50, p95, Collections.max(perTenant));
        line("  baseline (same run): bare CREATE SCHEMA + Liquibase of the tenant changelog, p50 %d ms", base);
        line(
                "  ratio provisioning p50 / baseline p50 = %.1f (the rest is Keycloak organization + user + grants, template, registry rows)",
                (double) p50 / base);
    }

    // --------------------------------------------------------------------------------------------------- routing

    private void routing(List<BenchClient.Brand> brands) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<BenchClient.Brand>> more = new ArrayList<>();
        for (int i = brands.size(); i < tenants; i++) {
            String slug = "br-" + i;
            more.add(pool.submit(() -> client.signUp("br", "retail", "basic")));
        }
        for (Future<BenchClient.Brand> f : more) {
            brands.add(f.get());
        }
        pool.shutdown();
        List<String> tokens = new ArrayList<>();
        for (BenchClient.Brand brand : brands.subList(0, tenants)) {
            String token = client.token(brand);
            tokens.add(token);
            client.send(
                    "POST",
                    "/api/hq/stores",
                    token,
                    Map.of(
                            "code",
                            "S1",
                            "name",
                            "Store 1",
                            "city",
                            "Shanghai",
                            "address",
                            "1 Bench Rd",
                            "latitude",
                            31.2304,
                            "longitude",
                            121.4737,
                            "status",
                            "OPEN"));
        }
        // JIT warm-up on both shapes, then alternate the phases so that drift (GC, JIT, neighbours) hits both equally.
        throughput(tokens, seconds);
        throughput(List.of(tokens.get(0)), seconds);
        double single = 0;
        double spread = 0;
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            double one = throughput(List.of(tokens.get(0)), seconds);
            double many = throughput(tokens, seconds);
            single += one;
            spread += many;
            rounds.add(String.format("%.0f/%.0f", one, many));
        }
        line("");
        line(
                "Routing overhead, GET /api/hq/stores, %d client threads, 3 alternating rounds of %d s after a warm-up:",
                clients, seconds);
        line("  one tenant: %.0f req/s mean", single / 3);
        line(
                "  round-robin across %d tenants (each with its own token and schema): %.0f req/s mean",
                tokens.size(), spread / 3);
        line("  rounds (one/many req/s): %s", String.join(", ", rounds));
        double singleMean = single;
        line("  ratio spread / one tenant = %.2f (target >= 0.9)", spread / singleMean);
    }

    private double throughput(List<String> tokens, int durationSeconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread thread = Thread.ofPlatform().start(() -> {
                int i = offset;
                while (running.get()) {
                    String token = tokens.get(i++ % tokens.size());
                    try {
                        var response = HTTP.send(
                                HttpRequest.newBuilder(URI.create(stack.api() + "/api/hq/stores"))
                                        .header("Authorization", "Bearer " + token)
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            done.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
        }
        long start = System.nanoTime();
        Thread.sleep(durationSeconds * 1000L);
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (errors.get() > 0) {
            line("  (%d failed requests in this phase)", errors.get());
        }
        return done.get() / elapsed;
    }

    // --------------------------------------------------------------------------------------------------- startup

    private void startupMigration(long emptyStartup) throws Exception {
        stack.stopApp();
        long unchanged = stack.startApp(0, "bench-app-2.log");
        stack.stopApp();
        try (Connection c = stack.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            st.executeUpdate("update platform.tenant set migration_fingerprint = null");
        }
        long forced = stack.startApp(0, "bench-app-3.log");
        JsonNode ready = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(stack.api() + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        long migrationMillis = 0;
        for (JsonNode check : ready.path("checks")) {
            if ("schema-migrations".equals(check.path("name").asText())) {
                migrationMillis = check.path("data").path("millis").asLong();
            }
        }
        line("");
        line("Startup with %d tenant schemas (process start until /q/health/ready is UP):", tenants);
        line("  baseline (same run): start with 0 tenants %d ms", emptyStartup);
        line(
                "  %d tenants, changelog unchanged (fingerprints match, no Liquibase run): %d ms, ratio %.2f",
                tenants, unchanged, (double) unchanged / emptyStartup);
        line(
                "  %d tenants, every schema checked by Liquibase (fingerprints cleared, parallelism 4): %d ms, ratio %.2f; migration phase %d ms",
                tenants, forced, (double) forced / emptyStartup, migrationMillis);
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }

    private void write() throws IOException {
        Path results = Path.of("target/bench-platform.txt");
        Files.writeString(
                results,
                "# " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                        + Runtime.version() + "\n" + String.join("\n", report) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        System.out.println("written to " + results.toAbsolutePath());
    }
}
