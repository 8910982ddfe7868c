package io.mendian.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.mendian.testsupport.Cluster;
import io.mendian.testsupport.CommerceHistories;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;

/**
 * Throughput of browsing and of checkout with 1, 2 and 3 instances of the packaged app sharing one PostgreSQL, Redis
 * and broker (./mvnw -Pbench -Dbench.main=io.mendian.bench.ScaleBench). Three instances run throughout; a phase with
 * n instances sends its clients to the first n only (spread client-side, as a Service would), and the figures are
 * relative to one instance in the same run, phases alternating. On this 2-core machine the instances, the
 * components and the load generator share the same two cores, so more instances cannot add throughput here.
 */
public final class ScaleBench {

    private static final HttpClient HTTP = BenchClient.HTTP;
    private final int clients = Integer.getInteger("bench.scale.clients", 32);
    private final int seconds = Integer.getInteger("bench.scale.seconds", 10);
    private final int rounds = Integer.getInteger("bench.scale.rounds", 3);
    private final List<String> report = new ArrayList<>();
    private Cluster cluster;

    public static void main(String[] args) throws Exception {
        ScaleBench bench = new ScaleBench();
        try {
            bench.run();
        } finally {
            if (bench.cluster != null) {
                bench.cluster.close();
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        cluster = Cluster.start(
                "scale",
                3,
                "mendian.signup.rate-limit-per-hour=100000",
                "mendian.shop.rate-limit.per-client-per-minute=1000000000",
                "mendian.shop.rate-limit.per-appid-per-minute=1000000000",
                "mendian.wechat.sandbox.pay.applyment-delay=0S");
        Shop shop = Shops.shop("scale");
        List<String> members =
                CommerceHistories.prepare(shop, 1_000_000, clients, "s-"); // the most one receipt line takes
        String appid = shop.brand().appid();
        String products = "/api/shop/" + appid + "/stores/" + shop.pickupStore() + "/products?size=20";
        String nearby = "/api/shop/" + appid + "/stores/nearby?lat=31.2305&lng=121.4738";

        line(
                "Browsing (the cached product list and nearest stores, alternately), %d clients, %d s per phase, "
                        + "%d rounds of n = 1, 2, 3:",
                clients, seconds, rounds);
        measure((port, client, i) -> get(port, i % 2 == 0 ? products : nearby));
        line("");
        line(
                "Checkout (put one item in the cart, check out for pickup: an order, a stock hold), %d clients (one "
                        + "member each), %d s per phase, %d rounds of n = 1, 2, 3:",
                clients, seconds, rounds);
        measure((port, client, i) -> checkout(port, appid, members.get(client), shop));

        Path out = Path.of("target/bench-scale.txt");
        Files.writeString(
                out,
                "# " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                        + Runtime.version() + "\n" + String.join("\n", report) + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** One client's request against one instance; true when it succeeded. */
    interface Request {
        boolean send(int port, int client, long iteration) throws Exception;
    }

    private void measure(Request request) throws Exception {
        phase(request, 3, seconds); // warm-up of every instance
        double[] sums = new double[4];
        for (int r = 1; r <= rounds; r++) {
            StringBuilder row = new StringBuilder("  round " + r + ":");
            double one = 0;
            for (int n = 1; n <= 3; n++) {
                BenchClient.Rate rate = phase(request, n, seconds);
                if (n == 1) {
                    one = rate.perSecond();
                }
                sums[n] += rate.perSecond() / one;
                row.append(String.format(
                        " n=%d %.0f/s (p50 %.1f ms, p99 %.1f ms%s);",
                        n,
                        rate.perSecond(),
                        rate.p50Millis(),
                        rate.p99Millis(),
                        rate.errors() > 0 ? ", " + rate.errors() + " errors" : ""));
            }
            line("%s", row);
        }
        line("  mean throughput relative to one instance: n=2 %.2f, n=3 %.2f", sums[2] / rounds, sums[3] / rounds);
    }

    private BenchClient.Rate phase(Request request, int instances, int duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<List<Double>> latencies = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            int port = cluster.port(c % instances);
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                long i = 0;
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        if (request.send(port, client, i++)) {
                            mine.add((System.nanoTime() - start) / 1e6);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        return BenchClient.collect(running, threads, latencies, errors, duration);
    }

    private static boolean get(int port, String path) throws Exception {
        HttpResponse<Void> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    private static boolean checkout(int port, String appid, String member, Shop shop) throws Exception {
        String base = "http://127.0.0.1:" + port + "/api/shop/" + appid;
        HttpResponse<Void> put = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/cart/stores/" + shop.pickupStore() + "/items/" + shop.tea()))
                        .header("Authorization", "Bearer " + member)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (put.statusCode() != 200) {
            return false;
        }
        String body = "{\"orders\":[{\"storeId\":" + shop.pickupStore() + ",\"mode\":\"PICKUP\",\"pickupAt\":\""
                + java.time.Instant.now().plusSeconds(3600) + "\"}]}";
        HttpResponse<Void> placed = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/checkout"))
                        .header("Authorization", "Bearer " + member)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "b-" + UUID.randomUUID())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return placed.statusCode() == 201;
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }
}
