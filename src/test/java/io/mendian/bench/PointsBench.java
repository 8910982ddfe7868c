package io.mendian.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.mendian.devrun.LocalStack;

/**
 * Points earned and spent concurrently on one member (./mvnw -Pbench -Dbench.main=io.mendian.bench.PointsBench): HTTP
 * clients add and take one point at a time through HQ's adjustments (ledger row, lots, balance under the account's row
 * lock), against the raw single-row UPDATE of a balance from the same number of JDBC clients. Afterwards the balance
 * must equal the start plus every accepted change, and the ledger's sum: no lost update.
 */
public final class PointsBench {

    private static final long START = 1_000_000;
    private final LocalStack stack = new LocalStack();
    private final BenchClient client = new BenchClient(stack);
    private final List<String> report = new ArrayList<>();
    private final int clients = Integer.getInteger("bench.points.clients", 8);
    private final int seconds = Integer.getInteger("bench.points.seconds", 8);
    private final int rounds = Integer.getInteger("bench.points.rounds", 3);

    public static void main(String[] args) throws Exception {
        var bench = new PointsBench();
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
                "bench-points.log",
                "mendian.signup.expose-temporary-password=true",
                "mendian.signup.rate-limit-per-hour=100000");
        var brand = client.signUp("pts", "retail", "pro");
        String admin = client.token(brand);
        client.send("POST", "/sandbox/wechat/open/test/tickets", null, null);
        String code = client.send(
                        "POST", "/sandbox/wechat/open/test/apps/" + brand.appid() + "/js-codes?user=p", null, null)
                .path("code")
                .asText();
        String member = client.send("POST", "/api/shop/" + brand.appid() + "/session", null, Map.of("code", code))
                .path("accessToken")
                .asText();
        long memberId = client.send("GET", "/api/shop/" + brand.appid() + "/me", member, null)
                .path("id")
                .asLong();
        client.send(
                "POST",
                "/api/hq/members/" + memberId + "/points/adjustments",
                admin,
                Map.of("delta", START, "reason", "bench"));
        String schema = "t_" + brand.slug().replace('-', '_');
        String url = stack.api() + "/api/hq/members/" + memberId + "/points/adjustments";
        AtomicLong net = new AtomicLong(START);
        adjustments(url, admin, net, 2);
        raw(schema, memberId, 2);
        line(
                "Points on one member: %d concurrent clients adding and taking 1 point, %d s per round:",
                clients, seconds);
        double rawTotal = 0;
        double httpTotal = 0;
        for (int r = 1; r <= rounds; r++) {
            BenchClient.Rate raw = raw(schema, memberId, seconds);
            BenchClient.Rate http = adjustments(url, admin, net, seconds);
            rawTotal += raw.perSecond();
            httpTotal += http.perSecond();
            line(
                    "  round %d: raw balance UPDATE %.0f/s (p50 %.2f ms); HTTP earn/spend %.0f/s (p50 %.1f ms, p99 %.1f ms%s); ratio %.3f",
                    r,
                    raw.perSecond(),
                    raw.p50Millis(),
                    http.perSecond(),
                    http.p50Millis(),
                    http.p99Millis(),
                    http.errors() > 0 ? ", " + http.errors() + " errors" : "",
                    http.perSecond() / raw.perSecond());
        }
        line("  mean ratio earn/spend through the ledger / raw UPDATE = %.3f", httpTotal / rawTotal);
        long balance = client.send("GET", "/api/hq/members/" + memberId + "/points?size=1", admin, null)
                .path("balance")
                .asLong();
        long sum = ledgerSum(schema, memberId);
        line(
                "  balance %d, start plus accepted changes %d, ledger sum %d: %s",
                balance, net.get(), sum, balance == net.get() && balance == sum ? "no lost update" : "MISMATCH");
        Path out = Path.of("target/bench-points.txt");
        Files.writeString(
                out,
                "# " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                        + Runtime.version() + "\n" + String.join("\n", report) + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** Each client alternates +1 and -1; only accepted (2xx) changes count towards the expected balance. */
    private BenchClient.Rate adjustments(String url, String admin, AtomicLong net, int duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            int first = c % 2 == 0 ? 1 : -1;
            threads.add(Thread.ofPlatform().start(() -> {
                int delta = first;
                while (running.get()) {
                    long t = System.nanoTime();
                    try {
                        int status = BenchClient.HTTP
                                .send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .header("Authorization", "Bearer " + admin)
                                                .header("Content-Type", "application/json")
                                                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                                                .POST(HttpRequest.BodyPublishers.ofString(
                                                        "{\"delta\":" + delta + ",\"reason\":\"bench\"}"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        if (status < 300) {
                            net.addAndGet(delta);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine.add((System.nanoTime() - t) / 1e6);
                    delta = -delta;
                }
            }));
        }
        return BenchClient.collect(running, threads, latencies, errors, duration);
    }

    /** The baseline: one autocommit UPDATE of the member's balance row per call (then put back). */
    private BenchClient.Rate raw(String schema, long memberId, int duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            int first = c % 2 == 0 ? 1 : -1;
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection connection = stack.infra().dataSource().getConnection();
                        PreparedStatement update = connection.prepareStatement(
                                "update " + schema
                                        + ".points_account set balance = balance + ?, updated_at = now() where member_id = ?")) {
                    update.setLong(2, memberId);
                    int delta = first;
                    while (running.get()) {
                        long t = System.nanoTime();
                        update.setLong(1, delta);
                        if (update.executeUpdate() != 1) {
                            errors.incrementAndGet();
                        }
                        mine.add((System.nanoTime() - t) / 1e6);
                        delta = -delta;
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            }));
        }
        BenchClient.Rate rate = BenchClient.collect(running, threads, latencies, errors, duration);
        // The raw phase bypasses the ledger on purpose; put the balance back to the ledger's sum.
        try (Connection connection = stack.infra().dataSource().getConnection();
                var st = connection.createStatement()) {
            st.executeUpdate("update " + schema + ".points_account set balance = (select sum(delta) from " + schema
                    + ".points_ledger where member_id = " + memberId + ") where member_id = " + memberId);
        }
        return rate;
    }

    private long ledgerSum(String schema, long memberId) throws Exception {
        try (Connection connection = stack.infra().dataSource().getConnection();
                var st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "select sum(delta) from " + schema + ".points_ledger where member_id = " + memberId)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }
}
