package io.mendian.operations;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.mendian.messaging.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts business facts (orders by status, reservations, payment callbacks, WeChat calls, provisioning steps) as
 * Micrometer counters tagged with the brand of the unit of work, bounded by {@link BrandTags}. A fact inside a
 * transaction counts once the transaction commits, so a rolled-back checkout is not an order. The catalogue of
 * metrics is in docs/operations/observability.md.
 */
@ApplicationScoped
@Startup
public class BusinessMetrics {

    /** For static helpers that write business facts (the order timeline); null until the application has started. */
    private static volatile BusinessMetrics started;

    private final MeterRegistry registry;
    private final BrandTags brands;
    private final AfterCommit afterCommit;

    public BusinessMetrics(MeterRegistry registry, BrandTags brands, AfterCommit afterCommit) {
        this.registry = registry;
        this.brands = brands;
        this.afterCommit = afterCommit;
        started = this;
    }

    /**
     * Counts one fact for the current brand (the logging context's, which every tenant unit of work sets) once the
     * current transaction commits, or now without one. {@code tags} are name/value pairs from a bounded set.
     */
    public void count(String name, String... tags) {
        String[] all = withBrand(tags);
        afterCommit.run(() -> registry.counter(name, all).increment());
    }

    /** Counts now, whatever becomes of the transaction: a refusal rolls its transaction back, yet it happened. */
    public void countNow(String name, String... tags) {
        registry.counter(name, withBrand(tags)).increment();
    }

    private String[] withBrand(String[] tags) {
        Object tenant = MDC.get("tenant");
        String[] all = java.util.Arrays.copyOf(tags, tags.length + 2);
        all[tags.length] = "brand";
        all[tags.length + 1] = brands.of(tenant == null ? null : tenant.toString());
        return all;
    }

    /** {@link #count} from code that is not a bean; does nothing before start-up. */
    public static void countStatic(String name, String... tags) {
        BusinessMetrics metrics = started;
        if (metrics != null) {
            metrics.count(name, tags);
        }
    }
}
