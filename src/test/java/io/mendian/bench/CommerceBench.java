package io.mendian.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.devrun.LocalStack;

/**
 * Hot-SKU checkout (./mvnw -Pbench -Dbench.main=io.mendian.bench.CommerceBench): members of one brand buy one unit
 * of one SKU at one store, as fast as they can (cart PUT, then checkout: order, lines, reservation, ledger row), against
 * the raw conditional UPDATE that is the heart of the reservation, from the same number of JDBC clients on the same
 * PostgreSQL. Baseline and subject alternate, every round printed, because one phase after the other drifts on
 * these shared machines.
 */
public final class CommerceBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalStack stack = new LocalStack();
    private final BenchClient client = new BenchClient(stack);
    private final List<String> report = new ArrayList<>();
    private final int clients = Integer.getInteger("bench.commerce.clients", 16);
    private final int seconds = Integer.getInteger("bench.commerce.seconds", 8);
    private final int rounds = Integer.getInteger("bench.commerce.rounds", 3);

    public static void main(String[] args) throws Exception {
        var bench = new CommerceBench();
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
        stack.startApp(
                0,
                "bench-commerce.log",
                "mendian.signup.expose-temporary-password=true",
                "mendian.signup.rate-limit-per-hour=100000",
                "mendian.shop.rate-limit.per-client-per-minute=1000000000",
                "mendian.shop.rate-limit.per-appid-per-minute=1000000000");
        var brand = client.signUp("hot", "retail", "pro");
        String admin = client.token(brand);
        Map<String, Object> weekly = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.put(day, List.of("00:00-23:59"));
        }
        long store = client.send(
                        "POST",
                        "/api/hq/stores",
                        admin,
                        Map.of(
                                "code",
                                "HOT",
                                "name",
                                "Hot store",
                                "city",
                                "Shanghai",
                                "address",
                                "1 Rd",
                                "latitude",
                                31.23,
                                "longitude",
                                121.47,
                                "status",
                                "OPEN",
                                "hours",
                                Map.of("weekly", weekly)))
                .path("id")
                .asLong();
        long category = client.send("POST", "/api/hq/categories", admin, Map.of("code", "HOT", "name", "Hot"))
                .path("id")
                .asLong();
        long product = client.send(
                        "POST",
                        "/api/hq/products",
                        admin,
                        Map.of("code", "HOT", "name", "Hot tea", "categoryId", category, "skus", skuRequests()))
                .path("id")
                .asLong();
        // SKU 0 is the hot one; 1..clients give each client a row of its own for the "spread" comparison.
        List<Long> skus = new ArrayList<>();
        client.send("GET", "/api/hq/products/" + product, admin, null)
                .path("skus")
                .forEach(s -> skus.add(s.path("id").asLong()));
        skus.sort(Long::compare);
        long sku = skus.get(0);
        List<Map<String, Object>> receipt = new ArrayList<>();
        for (long id : skus) {
            receipt.add(Map.of("skuId", id, "quantity", 1_000_000));
        }
        client.send("POST", "/api/store/" + store + "/stock/receipts", admin, Map.of("lines", receipt));
        client.send("POST", "/api/hq/payment/sub-merchant/applyment", admin, io.mendian.testsupport.Pay.application());
        for (int i = 0;
                i < 120
                        && !client.send("GET", "/api/hq/payment/sub-merchant", admin, null)
                                .path("canTakePayments")
                                .asBoolean();
                i++) {
            Thread.sleep(500);
        }
        List<String> members = new ArrayList<>();
        client.send("POST", "/sandbox/wechat/open/test/tickets", null, null);
        for (int i = 0; i < clients; i++) {
            String code = client.send(
                            "POST",
                            "/sandbox/wechat/open/test/apps/" + brand.appid() + "/js-codes?user=m" + i,
                            null,
                            null)
                    .path("code")
                    .asText();
            members.add(client.send("POST", "/api/shop/" + brand.appid() + "/session", null, Map.of("code", code))
                    .path("accessToken")
                    .asText());
        }
        String schema = "t_" + brand.slug().replace('-', '_');
        // Warm-up of both paths, then alternating rounds.
        checkouts(brand.appid(), store, i -> sku, members, 3);
        rawUpdates(schema, store, sku, 3);
        line(
                "Hot-SKU checkout: one SKU at one store, %d concurrent clients, %d s per round, %d rounds:",
                clients, seconds, rounds);
        double rawTotal = 0;
        double checkoutTotal = 0;
        double spreadTotal = 0;
        for (int r = 1; r <= rounds; r++) {
            BenchClient.Rate raw = rawUpdates(schema, store, sku, seconds);
            BenchClient.Rate checkout = checkouts(brand.appid(), store, i -> sku, members, seconds);
            BenchClient.Rate spread = checkouts(brand.appid(), store, i -> skus.get(1 + i), members, seconds);
            rawTotal += raw.perSecond();
            checkoutTotal += checkout.perSecond();
            spreadTotal += spread.perSecond();
            line(
                    "  round %d: same checkout with a SKU per client (no shared row) %.0f/s (p50 %.1f ms)",
                    r, spread.perSecond(), spread.p50Millis());
            line(
                    "  round %d: raw conditional UPDATE %.0f/s (p50 %.2f ms, p99 %.2f ms); HTTP checkout %.0f/s (p50 %.1f ms, p99 %.1f ms%s); ratio %.3f",
                    r,
                    raw.perSecond(),
                    raw.p50Millis(),
                    raw.p99Millis(),
                    checkout.perSecond(),
                    checkout.p50Millis(),
                    checkout.p99Millis(),
                    checkout.errors() > 0 ? ", " + checkout.errors() + " errors" : "",
                    checkout.perSecond() / raw.perSecond());
        }
        line("  mean ratio checkout / raw UPDATE = %.3f (target >= 0.25)", checkoutTotal / rawTotal);
        line("  mean ratio hot-SKU checkout / checkout without a shared row = %.2f", checkoutTotal / spreadTotal);
        Path out = Path.of("target/bench-commerce.txt");
        Files.writeString(
                out,
                "# " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                        + Runtime.version() + "\n" + String.join("\n", report) + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    private List<Map<String, Object>> skuRequests() {
        List<Map<String, Object>> skus = new ArrayList<>();
        for (int i = 0; i <= clients; i++) {
            skus.add(Map.of(
                    "code",
                    String.format("HOT-%03d", i),
                    "basePriceFen",
                    1000,
                    "minPriceFen",
                    900,
                    "maxPriceFen",
                    1100));
        }
        return skus;
    }

    /** Each client: put one unit in its cart, then check out (pickup in an hour). One checkout = both requests. */
    private BenchClient.Rate checkouts(
            String appid, long store, java.util.function.IntToLongFunction skuOf, List<String> members, int duration)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        String checkout = stack.api() + "/api/shop/" + appid + "/checkout";
        for (int i = 0; i < members.size(); i++) {
            String token = members.get(i);
            String put =
                    stack.api() + "/api/shop/" + appid + "/cart/stores/" + store + "/items/" + skuOf.applyAsLong(i);
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    long t = System.nanoTime();
                    try {
                        int a = send("PUT", put, token, "{\"quantity\":1}");
                        String body = JSON.writeValueAsString(Map.of(
                                "orders",
                                List.of(Map.of(
                                        "storeId",
                                        store,
                                        "mode",
                                        "PICKUP",
                                        "pickupAt",
                                        Instant.now().plus(1, ChronoUnit.HOURS).toString()))));
                        int b = send("POST", checkout, token, body);
                        if (a >= 300 || b >= 300) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine.add((System.nanoTime() - t) / 1e6);
                }
            }));
        }
        return BenchClient.collect(running, threads, latencies, errors, duration);
    }

    private int send(String method, String url, String token, String body) throws Exception {
        return BenchClient.HTTP
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                                .method(method, HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The reservation's core statement on the same row, autocommit, one connection per client. */
    private BenchClient.Rate rawUpdates(String schema, long store, long sku, int duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection connection = stack.infra().dataSource().getConnection();
                        PreparedStatement update = connection.prepareStatement("update " + schema
                                + ".stock set reserved = reserved + 1, updated_at = now() where store_id = ? and "
                                + "sku_id = ? and on_hand - reserved >= 1")) {
                    update.setLong(1, store);
                    update.setLong(2, sku);
                    while (running.get()) {
                        long t = System.nanoTime();
                        if (update.executeUpdate() != 1) {
                            errors.incrementAndGet();
                        }
                        mine.add((System.nanoTime() - t) / 1e6);
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            }));
        }
        BenchClient.Rate result = BenchClient.collect(running, threads, latencies, errors, duration);
        // Give the units back so that both phases always find stock.
        try (Connection connection = stack.infra().dataSource().getConnection();
                var st = connection.createStatement()) {
            st.executeUpdate("update " + schema + ".stock set reserved = (select coalesce(sum(l.quantity), 0) from "
                    + schema + ".stock_reservation_line l join " + schema + ".stock_reservation r on r.id = "
                    + "l.reservation_id where r.status = 'HELD')");
        }
        return result;
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }
}
