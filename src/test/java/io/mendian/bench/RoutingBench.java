package io.mendian.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import io.mendian.devrun.LocalStack;
import io.mendian.tenancy.SchemaCopy;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.RoundRobinProxy;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;

/**
 * Routing overhead (issue 13): the same anonymous read (a store's live stock, two PostgreSQL queries through the
 * brand's shard) for one brand, and spread over 1,000 brands on two PostgreSQL servers, phases alternating in one run
 * (./mvnw -Pbench -Dbench.main=io.mendian.bench.RoutingBench). Two brands are signed up for real, one per server; the
 * others are copies of their schemas (tables, indexes and rows) registered in the registry with an appid of their own,
 * which is what routing needs, and quicker than a Liquibase run per brand.
 */
public final class RoutingBench {

    private final int brands = Integer.getInteger("bench.routing.brands", 1000);
    private final int clients = Integer.getInteger("bench.routing.clients", 16);
    private final int seconds = Integer.getInteger("bench.routing.seconds", 10);
    private final int rounds = Integer.getInteger("bench.routing.rounds", 3);
    private final List<String> report = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private LocalStack stack;

    public static void main(String[] args) throws Exception {
        RoutingBench bench = new RoutingBench();
        try {
            bench.run();
        } finally {
            if (bench.stack != null) {
                bench.stack.close();
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        stack = new LocalStack();
        InfraTestResource.adopt(stack.startInfrastructure(0));
        String eastUrl = stack.infra().startShard();
        stack.startApp(
                0,
                "routing.log",
                "mendian.shards.east.url=" + eastUrl,
                "mendian.shards.east.username=postgres",
                "mendian.shards.east.password=postgres",
                "mendian.shards.east.accepting=true",
                "mendian.signup.rate-limit-per-hour=100000",
                "mendian.shop.rate-limit.per-client-per-minute=1000000000",
                "mendian.shop.rate-limit.per-appid-per-minute=1000000000",
                "mendian.wechat.sandbox.pay.applyment-delay=0S");
        RoundRobinProxy.aimRestAssured(stack.port());
        DataSource main = stack.infra().dataSource();
        DataSource east = stack.infra().shardDataSource();
        // Both servers take new brands and each goes to the one with fewer: one template on each.
        List<Shop> templates = List.of(Shops.shop("rta"), Shops.shop("rtb"));
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < brands - templates.size(); i++) {
                Shop template = templates.get(i % 2);
                boolean onEast = "east"
                        .equals(Sql.string(
                                main,
                                "select shard from platform.tenant where id = '"
                                        + template.brand().slug() + "'"));
                String slug = String.format("rt-%04d", i);
                made.add(pool.submit(() -> copy(main, onEast ? east : main, template, slug)));
            }
            for (Shop template : templates) {
                paths.add(stockPath(template.brand().appid(), template));
            }
            for (int i = 0; i < made.size(); i++) {
                paths.add(stockPath(made.get(i).get(), templates.get(i % 2)));
            }
        }
        line(
                "%d brands on 2 PostgreSQL servers (%d on each; %d copies made in %.0f s). A store's live stock, %d "
                        + "clients, %d s per phase, %d rounds:",
                brands,
                brands / 2,
                brands - templates.size(),
                (System.nanoTime() - started) / 1e9,
                clients,
                seconds,
                rounds);
        // Every brand once first: the registry, plan and browsability caches hold all of them, as in production.
        phase(paths, Math.max(5, seconds / 2));
        double sum = 0;
        for (int r = 1; r <= rounds; r++) {
            BenchClient.Rate one = phase(List.of(paths.getFirst()), seconds);
            BenchClient.Rate all = phase(paths, seconds);
            sum += all.perSecond() / one.perSecond();
            line(
                    "  round %d: 1 brand %.0f/s (p50 %.1f ms, p99 %.1f ms, %d errors); %d brands %.0f/s (p50 %.1f ms, "
                            + "p99 %.1f ms, %d errors)",
                    r,
                    one.perSecond(),
                    one.p50Millis(),
                    one.p99Millis(),
                    one.errors(),
                    brands,
                    all.perSecond(),
                    all.p50Millis(),
                    all.p99Millis(),
                    all.errors());
        }
        line("  mean throughput of %d brands relative to 1 brand: %.2f", brands, sum / rounds);
        Path out = Path.of("target/bench-routing.txt");
        Files.writeString(
                out,
                "# " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                        + Runtime.version() + "\n" + String.join("\n", report) + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static String stockPath(String appid, Shop template) {
        return "/api/shop/" + appid + "/stores/" + template.pickupStore() + "/stock?skuIds=" + template.tea() + ","
                + template.cake();
    }

    /** A brand made by copying a template's schema on its server and its registry row; returns its appid. */
    private static String copy(DataSource main, DataSource server, Shop template, String slug) throws SQLException {
        String from = template.brand().tenant().schema();
        String to = "t_" + slug.replace('-', '_');
        try (Connection c = server.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create schema " + to);
            for (String table : SchemaCopy.tables(c, from)) {
                s.execute("create table " + to + "." + table + " (like " + from + "." + table + " including all)");
                s.execute("insert into " + to + "." + table + " overriding system value select * from " + from + "."
                        + table);
            }
        }
        String appid = "wx"
                + HexFormat.of()
                        .formatHex(java.nio.ByteBuffer.allocate(8)
                                .putLong(slug.hashCode() * 2654435761L ^ System.nanoTime())
                                .array());
        try (Connection c = main.getConnection()) {
            List<String> columns = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select column_name from information_schema.columns where "
                    + "table_schema = 'platform' and table_name = 'tenant' order by ordinal_position")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        columns.add(r.getString(1));
                    }
                }
            }
            List<String> values = columns.stream()
                    .map(column -> switch (column) {
                        case "id" -> "'" + slug + "'";
                        case "schema_name" -> "'" + to + "'";
                        case "organization_id" -> "null";
                        case "admin_email" -> "'" + slug + "@bench.example'";
                        default -> column;
                    })
                    .toList();
            try (Statement s = c.createStatement()) {
                s.execute("insert into platform.tenant (" + String.join(", ", columns) + ") select "
                        + String.join(", ", values) + " from platform.tenant where id = '"
                        + template.brand().slug()
                        + "'");
                s.execute("insert into platform.mini_app (appid, tenant_id, name, kind, created_at) select '" + appid
                        + "', '" + slug + "', name, kind, now() from platform.mini_app where tenant_id = '"
                        + template.brand().slug() + "' limit 1");
            }
        }
        return appid;
    }

    private BenchClient.Rate phase(List<String> targets, int duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<List<Double>> latencies = new ArrayList<>();
        int port = stack.port();
        for (int c = 0; c < clients; c++) {
            int client = c;
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                long i = client;
                while (running.get()) {
                    String path = targets.get((int) (i++ * 7919 % targets.size()));
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> response = BenchClient.HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
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

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }
}
