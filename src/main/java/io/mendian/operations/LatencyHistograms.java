package io.mendian.operations;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * HTTP server latencies as histograms with buckets at the SLO thresholds (docs/operations/slo.md): Prometheus computes
 * percentiles across pods from buckets, which per-pod percentiles cannot give, and a bucket exactly at a threshold
 * makes "share of requests faster than 300 ms" exact rather than interpolated.
 */
@Singleton
public class LatencyHistograms {

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(
                                ms(50), ms(100), ms(300), ms(500), ms(800), ms(1_500), ms(3_000), ms(10_000))
                        .minimumExpectedValue(ms(5))
                        .maximumExpectedValue(ms(30_000))
                        .build()
                        .merge(config);
            }
        };
    }

    private static double ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
