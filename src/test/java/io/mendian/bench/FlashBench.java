package io.mendian.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import io.mendian.devrun.LocalStack;
import io.mendian.testsupport.Pay;

/**
 * Flash-sale attempts through HTTP (./mvnw -Pbench -Dbench.main=io.mendian.bench.FlashBench): per round a new sale of
 * 100 units, one per member, and 2,000 buy-now attempts by 400 members from 50 client threads as fast as they go,
 * against the same number of no-op requests from the same threads in the same round. Each round must sell exactly 100.
 */
public final class FlashBench {

    private static final int UNITS = 100;
    private static final int MEMBERS = 400;
    private static final int ATTEMPTS = 2_000;
    private final LocalStack stack = new LocalStack();
    private final BenchClient client = new BenchClient(stack);
    private final List<String> report = new ArrayList<>();
    private final int threads = Integer.getInteger("bench.flash.threads", 50);
    private final int rounds = Integer.getInteger("bench.flash.rounds", 3);

    public static void main(String[] args) throws Exception {
        var bench = new FlashBench();
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
                "bench-flash.log",
                "mendian.signup.expose-temporary-password=true",
                "mendian.signup.rate-limit-per-hour=100000",
                "mendian.shop.rate-limit.per-client-per-minute=1000000000",
                "mendian.shop.rate-limit.per-appid-per-minute=1000000000");
        var brand = client.signUp("flash", "retail", "pro");
        String admin = client.token(brand);
        long[] storeAndSku = seed(admin);
        client.send("POST", "/api/hq/payment/sub-merchant/applyment", admin, Pay.application());
        for (int i = 0;
                i < 120
                        && !client.send("GET", "/api/hq/payment/sub-merchant", admin, null)
                                .path("canTakePayments")
                                .asBoolean();
                i++) {
            Thread.sleep(500);
        }
        client.send("POST", "/sandbox/wechat/open/test/tickets", null, null);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String code = client.send(
                            "POST",
                            "/sandbox/wechat/open/test/apps/" + brand.appid() + "/js-codes?user=f" + i,
                            null,
                            null)
                    .path("code")
                    .asText();
            members.add(client.send("POST", "/api/shop/" + brand.appid() + "/session", null, Map.of("code", code))
                    .path("accessToken")
                    .asText());
        }
        String ping = stack.api() + "/api/shop/" + brand.appid() + "/ping";
        String buy = stack.api() + "/api/shop/" + brand.appid() + "/checkout/flash";
        line(
                "Flash sale: %d units, one per member, %d attempts by %d members from %d threads:",
                UNITS, ATTEMPTS, MEMBERS, threads);
        double ratioSum = 0;
        // One warm-up round, not reported.
        for (int r = 0; r <= rounds; r++) {
            long sale = sale(admin, storeAndSku);
            BenchClient.Burst noop =
                    burst(i -> HttpRequest.newBuilder(URI.create(ping)).GET().build());
            BenchClient.Burst flash = burst(i -> HttpRequest.newBuilder(URI.create(buy))
                    .header("Authorization", "Bearer " + members.get(i % MEMBERS))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "fb-" + UUID.randomUUID())
                    .POST(HttpRequest.BodyPublishers.ofString(body(sale, storeAndSku[0])))
                    .build());
            int sold = client.send("GET", "/api/hq/promotions/flash-sales/" + sale, admin, null)
                    .path("sold")
                    .asInt();
            if (flash.statuses().getOrDefault(201, 0) != UNITS || sold != UNITS) {
                throw new IllegalStateException("round " + r + " sold " + sold + ": " + flash.statuses());
            }
            if (r == 0) {
                continue;
            }
            double ratio = flash.perSecond() / noop.perSecond();
            ratioSum += ratio;
            line(
                    "  round %d: no-op %.0f/s (p50 %.1f ms); flash attempts %.0f/s (p50 %.1f ms, p99 %.1f ms) %s; sold %d; ratio %.3f",
                    r,
                    noop.perSecond(),
                    noop.p50(),
                    flash.perSecond(),
                    flash.p50(),
                    flash.p99(),
                    flash.statuses(),
                    sold,
                    ratio);
        }
        line("  mean ratio flash attempts / no-op = %.3f", ratioSum / rounds);
        Path out = Path.of("target/bench-flash.txt");
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    private BenchClient.Burst burst(IntFunction<HttpRequest> request) throws Exception {
        return BenchClient.burst(threads, ATTEMPTS, request);
    }

    private long sale(String admin, long[] storeAndSku) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Bench " + UUID.randomUUID().toString().substring(0, 6));
        body.put("skuId", storeAndSku[1]);
        body.put("priceFen", 990);
        body.put("quantity", UNITS);
        body.put("perMemberLimit", 1);
        body.put("storeIds", List.of(storeAndSku[0]));
        body.put("startsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        body.put("endsAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        return client.send("POST", "/api/hq/promotions/flash-sales", admin, body)
                .path("id")
                .asLong();
    }

    private static String body(long sale, long store) {
        return "{\"saleId\":" + sale + ",\"quantity\":1,\"order\":{\"storeId\":" + store + ",\"mode\":\"PICKUP\","
                + "\"pickupAt\":\"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}}";
    }

    /** One store open around the clock selling one SKU with deep stock; returns {store, sku}. */
    private long[] seed(String admin) throws Exception {
        Map<String, Object> weekly = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.put(day, List.of("00:00-23:59"));
        }
        long category = client.send("POST", "/api/hq/categories", admin, Map.of("code", "FLS", "name", "Flash"))
                .path("id")
                .asLong();
        long product = client.send(
                        "POST",
                        "/api/hq/products",
                        admin,
                        Map.of(
                                "code",
                                "LATTE",
                                "name",
                                "Latte",
                                "categoryId",
                                category,
                                "skus",
                                List.of(Map.of(
                                        "code",
                                        "LATTE-T",
                                        "basePriceFen",
                                        2800,
                                        "minPriceFen",
                                        2000,
                                        "maxPriceFen",
                                        3500))))
                .path("id")
                .asLong();
        long sku = client.send("GET", "/api/hq/products/" + product, admin, null)
                .path("skus")
                .get(0)
                .path("id")
                .asLong();
        long store = client.send(
                        "POST",
                        "/api/hq/stores",
                        admin,
                        Map.of(
                                "code",
                                "F1",
                                "name",
                                "Flash store",
                                "city",
                                "Shanghai",
                                "address",
                                "1 Rd",
                                "latitude",
                                new java.math.BigDecimal("31.2300"),
                                "longitude",
                                121.47,
                                "status",
                                "OPEN",
                                "hours",
                                Map.of("weekly", weekly)))
                .path("id")
                .asLong();
        client.send(
                "POST",
                "/api/store/" + store + "/stock/receipts",
                admin,
                Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 1_000_000))));
        return new long[] {store, sku};
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }
}
