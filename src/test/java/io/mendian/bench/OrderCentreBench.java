package io.mendian.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mendian.devrun.LocalStack;

/**
 * The order centre on one brand with a million orders (./mvnw -Pbench -Dbench.main=io.mendian.bench.OrderCentreBench):
 * each filter HQ uses is timed through HTTP (count and first page, scope and store labels included) against the no-op
 * shop endpoint, in alternating rounds, and the same SQL is timed raw on PostgreSQL. One client at a time: this is
 * the latency a person at the screen sees, not throughput.
 */
public final class OrderCentreBench {

    private final LocalStack stack = new LocalStack();
    private final BenchClient client = new BenchClient(stack);
    private final List<String> report = new ArrayList<>();
    private final int orders = Integer.getInteger("bench.orders", 1_000_000);
    private final int samples = Integer.getInteger("bench.orders.samples", 40);
    private final int rounds = Integer.getInteger("bench.orders.rounds", 3);

    public static void main(String[] args) throws Exception {
        var bench = new OrderCentreBench();
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
                "bench-orders.log",
                "mendian.signup.expose-temporary-password=true",
                "mendian.signup.rate-limit-per-hour=100000",
                "mendian.shop.rate-limit.per-client-per-minute=1000000000",
                "mendian.shop.rate-limit.per-appid-per-minute=1000000000");
        var brand = client.signUp("orders", "retail", "pro");
        String admin = client.token(brand);
        String schema = "t_" + brand.slug().replace('-', '_');
        long start = System.nanoTime();
        fill(schema);
        line(
                "Order centre over %,d orders of one brand (20 stores, 100,000 members, a year), filled in %.0f s:",
                orders, (System.nanoTime() - start) / 1e9);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String weekAgo = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(7).toString();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("newest first, no filter", "");
        filters.put("status=COMPLETED", "status=COMPLETED");
        filters.put("storeId=7", "storeId=7");
        filters.put("memberId=4242", "memberId=4242");
        filters.put("last 7 days", "from=" + weekAgo + "&to=" + today);
        filters.put("store + status + last 7 days", "storeId=7&status=COMPLETED&from=" + weekAgo + "&to=" + today);
        filters.put("mode=DELIVERY, page 50", "mode=DELIVERY&page=50");
        String ping = "/api/shop/" + brand.appid() + "/ping";
        get(ping, null);
        for (String query : filters.values()) {
            get("/api/hq/orders?" + query, admin);
        }
        for (int r = 1; r <= rounds; r++) {
            line("  round %d:", r);
            for (var f : filters.entrySet()) {
                List<Double> base = new ArrayList<>();
                List<Double> subject = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    base.add(get(ping, null));
                    subject.add(get("/api/hq/orders?" + f.getValue(), admin));
                }
                line(
                        "    %-32s p50 %6.1f ms  p99 %6.1f ms   (no-op p50 %.1f ms; ratio p50 no-op/subject %.3f)",
                        f.getKey(),
                        BenchClient.percentile(subject, 50),
                        BenchClient.percentile(subject, 99),
                        BenchClient.percentile(base, 50),
                        BenchClient.percentile(base, 50) / BenchClient.percentile(subject, 50));
            }
        }
        List<Double> export = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            export.add(get("/api/hq/orders/export.csv?from=" + weekAgo + "&to=" + today, admin));
        }
        line(
                "  CSV export of the last 7 days (~%,d rows), streamed: p50 %.0f ms",
                orders / 52, BenchClient.percentile(export, 50));
        Path out = Path.of("target/bench-orders.txt");
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** A year of orders straight into the brand's schema (stores and members are ids only; the list does not join). */
    private void fill(String schema) throws Exception {
        try (Connection c = stack.infra().dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("insert into " + schema + ".customer_order (id, order_no, member_id, store_id, status, "
                    + "fulfilment_mode, pickup_at, items_fen, delivery_fee_fen, discount_fen, total_fen, pay_by, "
                    + "created_at, updated_at) select g, to_char(g, 'FM00000000000000'), 1 + (g::bigint * 7919) % 100000, "
                    + "1 + g % 20, (array['COMPLETED','COMPLETED','COMPLETED','COMPLETED','CANCELLED','EXPIRED',"
                    + "'PAID','READY'])[1 + g % 8], (array['PICKUP','PICKUP','DELIVERY','EXPRESS'])[1 + g % 4], null, "
                    + "1000 + g % 9000, 0, 0, 1000 + g % 9000, t, t, t from (select g, now() - (g::float / " + orders
                    + ") * interval '365 days' as t from generate_series(1, " + orders + ") g) x");
            s.execute("select setval('" + schema + ".customer_order_seq', " + (orders + 1) + ")");
            s.execute("analyze " + schema + ".customer_order");
        }
    }

    private double get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.api() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long t = System.nanoTime();
        HttpResponse<Void> response = BenchClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
        double ms = (System.nanoTime() - t) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " -> " + response.statusCode());
        }
        return ms;
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }
}
