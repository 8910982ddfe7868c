package io.mendian.bench;

import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import io.mendian.promotion.PriceBreakdown;
import io.mendian.promotion.pricing.CouponTerms;
import io.mendian.promotion.pricing.FullReduction;
import io.mendian.promotion.pricing.ItemActivity;
import io.mendian.promotion.pricing.PriceLine;
import io.mendian.promotion.pricing.PricingEngine;
import io.mendian.promotion.pricing.PricingInput;

/**
 * Quotes per second of the pricing engine for a 10-line cart with 3 stacked promotions (a flash-sale price on one
 * line, a full reduction, an HQ coupon), against the same run's baseline: pricing the same cart as checkout did before
 * the engine (unit price times quantity, summed). Run with {@code ./mvnw -Pbench -Dbench.main=io.mendian.bench.PricingBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PricingBench {

    private final PricingInput cart = cart();

    static PricingInput cart() {
        List<PriceLine> lines = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            lines.add(new PriceLine("sku-" + i, i, (long) (i % 3), 1000L + 137L * i, 1 + i % 3));
        }
        return new PricingInput(
                lines,
                600,
                List.of(new ItemActivity("flash", "秒杀", "FLASH_SALE", 3, 990, 1, 10, false)),
                List.of(new FullReduction(
                        "r1",
                        "满100减10",
                        io.mendian.promotion.pricing.Scope.ALL,
                        List.of(new FullReduction.Tier(100_00, 10_00), new FullReduction.Tier(200_00, 25_00)))),
                List.of(new CouponTerms(
                        "c1",
                        "满50减8",
                        true,
                        io.mendian.promotion.pricing.Scope.ALL,
                        50_00,
                        CouponTerms.Type.AMOUNT,
                        8_00,
                        null,
                        false)),
                null,
                null,
                0);
    }

    @Benchmark
    public PriceBreakdown quote() {
        return PricingEngine.quote(cart);
    }

    /** The baseline: the fixed price lines checkout computed before the engine. */
    @Benchmark
    public long baselineSum() {
        long total = 0;
        for (PriceLine line : cart.lines()) {
            total = Math.addExact(total, Math.multiplyExact(line.unitFen(), line.quantity()));
        }
        return total;
    }

    public static void main(String[] args) throws Exception {
        // exec:java loads the test classpath in a class loader; JMH's forked JVM reads java.class.path.
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
            System.setProperty(
                    "java.class.path",
                    Arrays.stream(loader.getURLs())
                            .map(u -> new java.io.File(u.getPath()).getPath())
                            .collect(Collectors.joining(java.io.File.pathSeparator)));
        }
        var results = new Runner(new OptionsBuilder()
                        .include(PricingBench.class.getSimpleName())
                        .build())
                .run();
        double quote = 0;
        double baseline = 0;
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            if (r.getParams().getBenchmark().endsWith(".quote")) {
                quote = score;
            } else {
                baseline = score;
            }
        }
        String line = String.format(
                "PricingBench: %.0f quotes/s for a 10-line cart with 3 stacked promotions; baseline (sum of price lines) "
                        + "%.0f/s; ratio %.4f",
                quote, baseline, quote / baseline);
        System.out.println(line);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/bench-pricing.txt"), line + "\n");
    }
}
