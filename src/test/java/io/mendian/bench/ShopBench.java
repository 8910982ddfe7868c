package io.mendian.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import io.mendian.devrun.LocalStack;

/**
 * Consumer browsing benchmarks (./mvnw -Pbench -Dbench.main=io.mendian.bench.ShopBench): the cached product list
 * against a no-op endpoint of the same app, nearest-store search over 10,000 and 100,000 stores against a raw
 * GEOSEARCH from the same client, and a cold (miss) against a warm (hit) product list.
 */
public final class ShopBench {

    private static final HttpClient HTTP = BenchClient.HTTP;
    private final LocalStack stack = new LocalStack();
    private final BenchClient client = new BenchClient(stack);
    private final List<String> report = new ArrayList<>();
    private final int clients = Integer.getInteger("bench.shop.clients", 64);
    private final int seconds = Integer.getInteger("bench.shop.seconds", 10);
    private final int rounds = Integer.getInteger("bench.shop.rounds", 3);
    private int redisPort;

    /** Throughput and latency percentiles of one phase. */
    record Result(double perSecond, double p50Millis, double p99Millis, long errors) {}

    public static void main(String[] args) throws Exception {
        var bench = new ShopBench();
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
        redisPort = Integer.parseInt(
                stack.infra().config().get("quarkus.redis.hosts").replaceAll(".*:", ""));
        stack.startApp(
                0,
                "bench-shop.log",
                "mendian.signup.expose-temporary-password=true",
                "mendian.signup.rate-limit-per-hour=100000",
                // Every request still runs the rate limiter's script; the limit is high so that it never refuses.
                "mendian.shop.rate-limit.per-client-per-minute=1000000000",
                "mendian.shop.rate-limit.per-appid-per-minute=1000000000");
        var brand = client.signUp("shop", "retail", "pro");
        String token = client.token(brand);
        long store = catalogue(token);
        String appid = brand.appid();
        productList(appid, store);
        coldWarm(appid, store, brand.slug());
        nearby(appid, brand.slug(), 10_000);
        nearby(appid, brand.slug(), 100_000);
        Path out = Path.of("target/bench-shop.txt");
        Files.writeString(
                out,
                "# " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                        + Runtime.version() + "\n" + String.join("\n", report) + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    // ------------------------------------------------------------------------------------------- product list

    private void productList(String appid, long store) throws Exception {
        String list = stack.api() + "/api/shop/" + appid + "/stores/" + store + "/products?size=20";
        String ping = stack.api() + "/api/shop/" + appid + "/ping";
        http(i -> list, seconds);
        http(i -> ping, seconds);
        line(
                "Cached store product list (20 of 50 products), %d concurrent clients, %d s each, %d alternating rounds:",
                clients, seconds, rounds);
        double ratios = 0;
        for (int r = 1; r <= rounds; r++) {
            Result noop = http(i -> ping, seconds);
            Result cached = http(i -> list, seconds);
            ratios += cached.perSecond() / noop.perSecond();
            line(
                    "  round %d: no-op %.0f req/s (p50 %.1f ms, p99 %.1f ms); cached list %.0f req/s (p50 %.1f ms, p99 %.1f ms%s); ratio %.2f",
                    r,
                    noop.perSecond(),
                    noop.p50Millis(),
                    noop.p99Millis(),
                    cached.perSecond(),
                    cached.p50Millis(),
                    cached.p99Millis(),
                    cached.errors() > 0 ? ", " + cached.errors() + " errors" : "",
                    cached.perSecond() / noop.perSecond());
        }
        line("  mean ratio list / no-op = %.2f (target >= 0.5; p99 target <= 20 ms)", ratios / rounds);
    }

    private void coldWarm(String appid, long store, String slug) throws Exception {
        String list = stack.api() + "/api/shop/" + appid + "/stores/" + store + "/products?size=20";
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        try (Resp redis = new Resp(redisPort)) {
            for (int i = 0; i < 300; i++) {
                redis.command("INCR", "t:" + slug + ":catalog:version");
                cold.add(timeGet(list));
                warm.add(timeGet(list));
            }
        }
        double coldP50 = BenchClient.percentile(cold, 50);
        double warmP50 = BenchClient.percentile(warm, 50);
        line("");
        line(
                "Cold vs warm product list, one client, 300 pairs (the brand's catalogue version is bumped before each cold request):");
        line("  cold (miss: PostgreSQL + fill): p50 %.2f ms, p99 %.2f ms", coldP50, BenchClient.percentile(cold, 99));
        line("  warm (hit): p50 %.2f ms, p99 %.2f ms", warmP50, BenchClient.percentile(warm, 99));
        line("  ratio warm / cold latency (p50) = %.2f", warmP50 / coldP50);
    }

    // ------------------------------------------------------------------------------------------------ nearby

    private void nearby(String appid, String slug, int count) throws Exception {
        String schema = "t_" + slug.replace('-', '_');
        try (Connection c = stack.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            st.executeUpdate("delete from " + schema + ".store where code like 'BENCH-%'");
            // Stores spread over greater Shanghai (about 60 x 60 km), inserted directly: this benchmark is about
            // search.
            st.executeUpdate("insert into " + schema
                    + ".store (id, code, name, status, city, address, latitude, longitude, time_zone, hours, fulfilment, "
                    + "created_at, created_by, updated_at, updated_by) select 1000000 + g, 'BENCH-' || g, 'Bench store ' || g, 'OPEN', 'Shanghai', "
                    + "'Road ' || g, round((30.95 + random() * 0.55)::numeric, 6), round((121.15 + random() * 0.65)::numeric, 6), 'Asia/Shanghai', "
                    + "'{\"weekly\":{\"MONDAY\":[\"08:00-22:00\"],\"TUESDAY\":[\"08:00-22:00\"]}}'::jsonb, "
                    + "'{\"pickup\":true,\"express\":false,\"delivery\":{\"enabled\":true,\"radiusMeters\":3000,\"feeFen\":500,\"minimumOrderFen\":2000}}'::jsonb, "
                    + "now(), 'bench', now(), 'bench' from generate_series(1, " + count + ") g");
        }
        try (Resp redis = new Resp(redisPort)) {
            redis.command("DEL", "t:" + slug + ":stores:geo:ready");
        }
        long rebuild = System.nanoTime();
        get(stack.api() + "/api/shop/" + appid + "/stores/nearby?lat=31.23&lng=121.47");
        long rebuildMillis = (System.nanoTime() - rebuild) / 1_000_000;
        Random random = new Random(42);
        double[][] points = new double[1000][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[] {30.95 + random.nextDouble() * 0.55, 121.15 + random.nextDouble() * 0.65};
        }
        IntFunction<String> url = i -> String.format(
                "%s/api/shop/%s/stores/nearby?lat=%.6f&lng=%.6f&radius=3000&limit=10",
                stack.api(), appid, points[i % points.length][0], points[i % points.length][1]);
        http(url, seconds);
        line("");
        line(
                "Nearest store, %,d stores in one brand (radius 3 km, 10 results, random points), %d clients, %d s each, "
                        + "%d alternating rounds:",
                count, clients, seconds, rounds);
        line("  index rebuilt from PostgreSQL on first use in %d ms", rebuildMillis);
        double ratios = 0;
        for (int r = 1; r <= rounds; r++) {
            Result raw = rawGeosearch("t:" + slug + ":stores:geo", points, seconds);
            Result endpoint = http(url, seconds);
            ratios += endpoint.perSecond() / raw.perSecond();
            line(
                    "  round %d: raw GEOSEARCH %.0f ops/s (p50 %.2f ms, p99 %.2f ms); GET .../stores/nearby %.0f req/s (p50 %.2f ms, p99 %.2f ms%s); ratio %.2f",
                    r,
                    raw.perSecond(),
                    raw.p50Millis(),
                    raw.p99Millis(),
                    endpoint.perSecond(),
                    endpoint.p50Millis(),
                    endpoint.p99Millis(),
                    endpoint.errors() > 0 ? ", " + endpoint.errors() + " errors" : "",
                    endpoint.perSecond() / raw.perSecond());
        }
        line("  mean ratio endpoint / raw GEOSEARCH = %.2f (target >= 0.5; p99 target <= 10 ms)", ratios / rounds);
    }

    private Result rawGeosearch(String key, double[][] points, int durationSeconds) throws Exception {
        List<List<Double>> latencies = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        long[] errors = new long[clients];
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            int offset = c;
            threads.add(Thread.ofPlatform().start(() -> {
                try (Resp redis = new Resp(redisPort)) {
                    int i = offset * 13;
                    while (running.get()) {
                        double[] p = points[i++ % points.length];
                        long t = System.nanoTime();
                        redis.command(
                                "GEOSEARCH",
                                key,
                                "FROMLONLAT",
                                String.valueOf(p[1]),
                                String.valueOf(p[0]),
                                "BYRADIUS",
                                "3000",
                                "m",
                                "ASC",
                                "COUNT",
                                "10",
                                "WITHDIST");
                        mine.add((System.nanoTime() - t) / 1e6);
                    }
                } catch (IOException e) {
                    errors[offset]++;
                }
            }));
        }
        return collect(
                durationSeconds,
                running,
                threads,
                latencies,
                java.util.Arrays.stream(errors).sum());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Result http(IntFunction<String> url, int durationSeconds) throws Exception {
        List<List<Double>> latencies = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        long[] errors = new long[clients];
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            int offset = c;
            threads.add(Thread.ofPlatform().start(() -> {
                int i = offset * 13;
                while (running.get()) {
                    long t = System.nanoTime();
                    try {
                        var response = HTTP.send(
                                HttpRequest.newBuilder(URI.create(url.apply(i++)))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors[offset]++;
                        }
                    } catch (IOException | InterruptedException e) {
                        errors[offset]++;
                    }
                    mine.add((System.nanoTime() - t) / 1e6);
                }
            }));
        }
        return collect(durationSeconds, running, threads, latencies, 0) instanceof Result r
                ? new Result(
                        r.perSecond(),
                        r.p50Millis(),
                        r.p99Millis(),
                        java.util.Arrays.stream(errors).sum())
                : null;
    }

    private static Result collect(
            int durationSeconds, AtomicBoolean running, List<Thread> threads, List<List<Double>> latencies, long errors)
            throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(durationSeconds * 1000L);
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        if (all.isEmpty()) {
            return new Result(0, 0, 0, errors);
        }
        return new Result(
                all.size() / elapsed, BenchClient.percentile(all, 50), BenchClient.percentile(all, 99), errors);
    }

    private long catalogue(String token) throws Exception {
        long store = client.send(
                        "POST",
                        "/api/hq/stores",
                        token,
                        Map.of(
                                "code",
                                "MAIN",
                                "name",
                                "Main",
                                "city",
                                "Shanghai",
                                "address",
                                "1 Rd",
                                "latitude",
                                31.23,
                                "longitude",
                                121.47,
                                "status",
                                "OPEN"))
                .path("id")
                .asLong();
        long category = client.send("POST", "/api/hq/categories", token, Map.of("code", "BENCH", "name", "Bench"))
                .path("id")
                .asLong();
        for (int i = 0; i < 50; i++) {
            client.send(
                    "POST",
                    "/api/hq/products",
                    token,
                    Map.of(
                            "code",
                            "P" + i,
                            "name",
                            "Product " + i,
                            "categoryId",
                            category,
                            "skus",
                            List.of(
                                    Map.of(
                                            "code",
                                            "P" + i + "-S",
                                            "basePriceFen",
                                            1000 + i,
                                            "minPriceFen",
                                            900,
                                            "maxPriceFen",
                                            2000),
                                    Map.of(
                                            "code",
                                            "P" + i + "-L",
                                            "basePriceFen",
                                            1400 + i,
                                            "minPriceFen",
                                            900,
                                            "maxPriceFen",
                                            2500))));
        }
        return store;
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static double timeGet(String url) throws Exception {
        long t = System.nanoTime();
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
        return (System.nanoTime() - t) / 1e6;
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }

    /** A minimal RESP client, so that the baseline is a raw Redis round trip with no framework in between. */
    static final class Resp implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Resp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        void command(String... args) throws IOException {
            StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                sb.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            skipReply();
        }

        private void skipReply() throws IOException {
            int type = in.read();
            String line = readLine();
            switch (type) {
                case '+', '-', ':' -> {}
                case '$' -> {
                    int length = Integer.parseInt(line);
                    if (length >= 0) {
                        in.readNBytes(length + 2);
                    }
                }
                case '*' -> {
                    int count = Integer.parseInt(line);
                    for (int i = 0; i < count; i++) {
                        skipReply();
                    }
                }
                default -> throw new IOException("unexpected RESP type " + type);
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                sb.append((char) c);
            }
            in.read();
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
