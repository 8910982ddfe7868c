package io.mendian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.devrun.LocalStack;

/**
 * The monthly invoice run and a dunning pass over many brands, each against a baseline taken in the same run: the
 * bare per-brand transaction (lock the subscription row, insert one row, commit) that any exactly-once billing needs.
 * {@code ./mvnw -Pbench -Dbench.main=io.mendian.bench.BillingBench [-Dbench.billing.tenants=100]}
 */
public final class BillingBench {

    private final LocalStack stack = new LocalStack();
    private final BenchClient client = new BenchClient(stack);
    private final int tenants = Integer.getInteger("bench.billing.tenants", 100);
    private final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        var bench = new BillingBench();
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
                "bench-billing.log",
                "mendian.signup.expose-temporary-password=true",
                "mendian.signup.rate-limit-per-hour=100000");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<BenchClient.Brand>> signups = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            signups.add(pool.submit(() -> client.signUp("bill", "cafe", "pro")));
        }
        List<String> slugs = new ArrayList<>();
        for (Future<BenchClient.Brand> f : signups) {
            slugs.add(f.get().slug());
        }
        pool.shutdown();
        String in = "('" + String.join("', '", slugs) + "')";
        try (Connection c = stack.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            st.executeUpdate(
                    "update platform.subscription set trial_ends_at = now() - interval '1 day' where tenant_id in "
                            + in);
            st.executeUpdate(
                    "create table if not exists public.bench_billing_baseline (tenant_id varchar(31), period varchar(12), primary key (tenant_id, period))");
        }
        String period = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        String operator = stack.token("operator", "operator");

        double baseline = baseline(slugs, period);
        long t = System.nanoTime();
        JsonNode first = client.send("POST", "/api/platform/billing/invoice-runs", operator, Map.of("period", period));
        double firstMs = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        JsonNode again = client.send("POST", "/api/platform/billing/invoice-runs", operator, Map.of("period", period));
        double againMs = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        JsonNode dunning = client.send("POST", "/api/platform/billing/dunning-runs", operator, Map.of());
        double dunningMs = (System.nanoTime() - t) / 1e6;

        int brands = slugs.size();
        line(
                "Invoice run over %d brands (POST /api/platform/billing/invoice-runs, trials ended: activation + first invoice each):",
                brands);
        line("  first run %.0f ms, %.2f ms per brand; result %s", firstMs, firstMs / brands, first);
        line(
                "  re-run (every brand already invoiced) %.0f ms, %.2f ms per brand; result %s",
                againMs, againMs / brands, again);
        line(
                "  dunning pass over the open invoices %.0f ms, %.2f ms per invoice; result %s",
                dunningMs, dunningMs / brands, dunning);
        line(
                "  baseline (same run): one JDBC transaction per brand locking its subscription row and inserting one row, %.2f ms per brand",
                baseline);
        line(
                "  ratio first run / baseline = %.1f, re-run / baseline = %.1f, dunning / baseline = %.1f",
                firstMs / brands / baseline, againMs / brands / baseline, dunningMs / brands / baseline);
        Path out = Path.of("target/bench-billing.txt");
        Files.writeString(
                out,
                "# " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                        + Runtime.version() + "\n" + String.join("\n", report) + "\n");
        System.out.println(String.join("\n", report));
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** Per brand: lock its subscription row and record one row, in its own transaction; ms per brand, best of three passes. */
    private double baseline(List<String> slugs, String period) throws Exception {
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            try (Connection c = stack.infra().dataSource().getConnection()) {
                c.setAutoCommit(false);
                long t = System.nanoTime();
                for (String slug : slugs) {
                    try (var lock = c.prepareStatement(
                                    "select status from platform.subscription where tenant_id = ? for update");
                            var insert = c.prepareStatement(
                                    "insert into public.bench_billing_baseline values (?, ?) on conflict do nothing")) {
                        lock.setString(1, slug);
                        lock.executeQuery().close();
                        insert.setString(1, slug);
                        insert.setString(2, period + "-" + pass);
                        insert.executeUpdate();
                    }
                    c.commit();
                }
                best = Math.min(best, (System.nanoTime() - t) / 1e6 / slugs.size());
            }
        }
        return best;
    }

    private void line(String format, Object... args) {
        report.add(String.format(format, args));
    }
}
