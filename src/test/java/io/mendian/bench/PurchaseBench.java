package io.mendian.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.devrun.LocalStack;
import io.mendian.testsupport.Pay;

/**
 * Purchases spread over 1,000 SKUs in 20 stores, no hot row (./mvnw -Pbench -Dbench.main=io.mendian.bench.PurchaseBench):
 * each client puts a random store's random SKU in its cart, checks out, starts the WeChat Pay payment and pays in the
 * sandbox, whose callback marks the order paid and emits the orders and GMV events through the outbox. Checkout alone
 * is compared with the no-op shop endpoint in alternating rounds; the outbox relay's lag (commit of an event to the
 * broker's acknowledgement) is read from the outbox rows written during the paying rounds.
 */
public final class PurchaseBench {

    private static final int STORES = 20;
    private static final int SKUS_PER_STORE = 50;

    private final LocalStack stack = new LocalStack();
    private final BenchClient client = new BenchClient(stack);
    private final List<String> report = new ArrayList<>();
    private final int clients = Integer.getInteger("bench.purchase.clients", 16);
    private final int seconds = Integer.getInteger("bench.purchase.seconds", 8);
    private final int rounds = Integer.getInteger("bench.purchase.rounds", 3);
    private final List<long[]> offers = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        var bench = new PurchaseBench();
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
                "bench-purchase.log",
                "mendian.signup.expose-temporary-password=true",
                "mendian.signup.rate-limit-per-hour=100000",
                "mendian.shop.rate-limit.per-client-per-minute=1000000000",
                "mendian.shop.rate-limit.per-appid-per-minute=1000000000");
        var brand = client.signUp("spread", "retail", "pro");
        String admin = client.token(brand);
        seed(admin);
        client.send("POST", "/api/hq/payment/sub-merchant/applyment", admin, Pay.application());
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
                            "/sandbox/wechat/open/test/apps/" + brand.appid() + "/js-codes?user=p" + i,
                            null,
                            null)
                    .path("code")
                    .asText();
            members.add(client.send("POST", "/api/shop/" + brand.appid() + "/session", null, Map.of("code", code))
                    .path("accessToken")
                    .asText());
        }
        String ping = stack.api() + "/api/shop/" + brand.appid() + "/ping";
        purchases(brand.appid(), members, 3, false);
        line(
                "Checkout over %d SKUs in %d stores (no shared row), %d clients, %d s rounds:",
                offers.size(), STORES, clients, seconds);
        double ratioSum = 0;
        for (int r = 1; r <= rounds; r++) {
            BenchClient.Rate noop = pings(ping, seconds);
            BenchClient.Rate checkout = purchases(brand.appid(), members, seconds, false);
            ratioSum += checkout.perSecond() / noop.perSecond();
            line(
                    "  round %d: no-op %.0f/s (p50 %.1f ms); cart PUT + checkout %.0f/s (p50 %.1f ms, p99 %.1f ms%s); ratio %.3f",
                    r,
                    noop.perSecond(),
                    noop.p50Millis(),
                    checkout.perSecond(),
                    checkout.p50Millis(),
                    checkout.p99Millis(),
                    checkout.errors() > 0 ? ", " + checkout.errors() + " errors" : "",
                    checkout.perSecond() / noop.perSecond());
        }
        line("  mean ratio checkout / no-op = %.3f", ratioSum / rounds);
        Instant since = Instant.now();
        BenchClient.Rate paying = purchases(brand.appid(), members, seconds * 2, true);
        Thread.sleep(3000);
        line(
                "Full purchases (cart, checkout, payment, sandbox pays, callback): %.0f/s (p50 %.1f ms%s)",
                paying.perSecond(), paying.p50Millis(), paying.errors() > 0 ? ", " + paying.errors() + " errors" : "");
        relayLag(brand.slug(), since);
        Path out = Path.of("target/bench-purchase.txt");
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    private void seed(String admin) throws Exception {
        Map<String, Object> weekly = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.put(day, List.of("00:00-23:59"));
        }
        long category = client.send("POST", "/api/hq/categories", admin, Map.of("code", "SPR", "name", "Spread"))
                .path("id")
                .asLong();
        List<Long> skus = new ArrayList<>();
        for (int p = 0; p < SKUS_PER_STORE * STORES / 50; p++) {
            List<Map<String, Object>> variants = new ArrayList<>();
            for (int v = 0; v < 50; v++) {
                variants.add(Map.of(
                        "code",
                        String.format("S%02d-%02d", p, v),
                        "basePriceFen",
                        1000 + v,
                        "minPriceFen",
                        900,
                        "maxPriceFen",
                        2000));
            }
            long product = client.send(
                            "POST",
                            "/api/hq/products",
                            admin,
                            Map.of("code", "P" + p, "name", "Product " + p, "categoryId", category, "skus", variants))
                    .path("id")
                    .asLong();
            client.send("GET", "/api/hq/products/" + product, admin, null)
                    .path("skus")
                    .forEach(s -> skus.add(s.path("id").asLong()));
        }
        for (int s = 0; s < STORES; s++) {
            long store = client.send(
                            "POST",
                            "/api/hq/stores",
                            admin,
                            Map.of(
                                    "code",
                                    "S" + s,
                                    "name",
                                    "Store " + s,
                                    "city",
                                    "Shanghai",
                                    "address",
                                    s + " Rd",
                                    "latitude",
                                    new java.math.BigDecimal(String.format("31.%03d", 200 + s)),
                                    "longitude",
                                    121.47,
                                    "status",
                                    "OPEN",
                                    "hours",
                                    Map.of("weekly", weekly)))
                    .path("id")
                    .asLong();
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int k = 0; k < SKUS_PER_STORE; k++) {
                long sku = skus.get(s * SKUS_PER_STORE + k);
                lines.add(Map.of("skuId", sku, "quantity", 1_000_000));
                offers.add(new long[] {store, sku});
            }
            client.send("POST", "/api/store/" + store + "/stock/receipts", admin, Map.of("lines", lines));
        }
    }

    private BenchClient.Rate purchases(String appid, List<String> members, int duration, boolean pay) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (String token : members) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    long[] offer = offers.get(ThreadLocalRandom.current().nextInt(offers.size()));
                    long t = System.nanoTime();
                    try {
                        int a = send(
                                        "PUT",
                                        "/api/shop/" + appid + "/cart/stores/" + offer[0] + "/items/" + offer[1],
                                        token,
                                        "{\"quantity\":1}")
                                .statusCode();
                        HttpResponse<String> order = send(
                                "POST",
                                "/api/shop/" + appid + "/checkout",
                                token,
                                BenchClient.JSON.writeValueAsString(Map.of(
                                        "orders",
                                        List.of(Map.of(
                                                "storeId",
                                                offer[0],
                                                "mode",
                                                "PICKUP",
                                                "pickupAt",
                                                Instant.now()
                                                        .plus(1, ChronoUnit.HOURS)
                                                        .toString())))));
                        if (a >= 300 || order.statusCode() >= 300) {
                            errors.incrementAndGet();
                        } else if (pay) {
                            String orderNo = BenchClient.JSON
                                    .readTree(order.body())
                                    .path(0)
                                    .path("orderNo")
                                    .asText();
                            JsonNode payment = BenchClient.JSON.readTree(
                                    send("POST", "/api/shop/" + appid + "/orders/" + orderNo + "/payment", token, "")
                                            .body());
                            HttpResponse<String> paid = send(
                                    "POST",
                                    "/sandbox/wechat/pay/test/transactions/"
                                            + payment.path("outTradeNo").asText() + "/pay",
                                    null,
                                    "");
                            if (paid.statusCode() >= 300) {
                                errors.incrementAndGet();
                            }
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

    private BenchClient.Rate pings(String url, int duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    long t = System.nanoTime();
                    try {
                        BenchClient.HTTP.send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine.add((System.nanoTime() - t) / 1e6);
                }
            }));
        }
        return BenchClient.collect(running, threads, latencies, errors, duration);
    }

    private void relayLag(String slug, Instant since) throws Exception {
        try (Connection c = stack.infra().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*), percentile_cont(0.5) within group (order by lag), "
                        + "percentile_cont(0.99) within group (order by lag), max(lag) from (select extract(epoch from "
                        + "published_at - occurred_at) * 1000 as lag from platform.outbox where tenant_id = '" + slug
                        + "' and occurred_at >= '" + since + "' and published_at is not null) x")) {
            r.next();
            line(
                    "Outbox relay lag over %d events during that load (commit to broker ack): p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms",
                    r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4));
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.api() + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return BenchClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }
}
