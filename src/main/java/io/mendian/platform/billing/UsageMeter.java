package io.mendian.platform.billing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.messaging.EventHandler;
import io.mendian.messaging.EventMeta;
import io.mendian.platform.billing.persistence.InvoiceEntity;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.UsageChanged;
import io.mendian.tenancy.UsageChanged.Kind;
import io.mendian.tenancy.UsageChanged.Metric;

/**
 * Meters what brands use, per billing period, from {@link UsageChanged} events delivered through the outbox and
 * the broker (at least once; see {@link FromEvents}). Gauges (stores, staff, SKUs) keep
 * the latest level and the period's peak; counters (orders, GMV) accumulate. One upsert per event, so concurrent
 * events for the same brand serialise on the row instead of losing updates.
 */
@ApplicationScoped
public class UsageMeter {

    /** The meter as a domain-event handler: each usage event is counted once, in the period it happened. */
    @ApplicationScoped
    static class FromEvents implements EventHandler<UsageChanged> {

        private final UsageMeter meter;

        FromEvents(UsageMeter meter) {
            this.meter = meter;
        }

        @Override
        public String name() {
            return "billing.usage-meter";
        }

        @Override
        public Class<UsageChanged> type() {
            return UsageChanged.class;
        }

        @Override
        public void handle(UsageChanged usage, EventMeta meta) {
            meter.record(usage, meta.occurredAt());
        }

        @Override
        public boolean controlPlane() {
            return true; // the meter is the platform's, whichever shard the brand is on
        }
    }

    /** Records one reading; runs in the caller's transaction. */
    public void record(UsageChanged usage, Instant at) {
        String period = BillingPeriod.of(at).toString();
        String sql = usage.kind() == Kind.GAUGE
                // Events may arrive late or twice: a gauge's current level only moves to a newer observation.
                ? "insert into platform.usage_meter as u (tenant_id, period, metric, current, peak, updated_at, observed_at) "
                        + "values (:t, :p, :m, :v, :v, now(), :at) on conflict (tenant_id, period, metric) do update set "
                        + "current = case when u.observed_at is null or excluded.observed_at >= u.observed_at "
                        + "then excluded.current else u.current end, peak = greatest(u.peak, excluded.current), "
                        + "observed_at = greatest(u.observed_at, excluded.observed_at), updated_at = now()"
                : "insert into platform.usage_meter as u (tenant_id, period, metric, current, peak, updated_at, observed_at) "
                        + "values (:t, :p, :m, :v, :v, now(), :at) "
                        + "on conflict (tenant_id, period, metric) do update set current = u.current + excluded.current, "
                        + "peak = u.current + excluded.current, updated_at = now()";
        em().createNativeQuery(sql)
                .setParameter("t", usage.tenant().value())
                .setParameter("p", period)
                .setParameter("m", usage.metric().key())
                .setParameter("v", usage.value())
                .setParameter("at", at.atOffset(java.time.ZoneOffset.UTC))
                .executeUpdate();
    }

    /** The latest level of a gauge, carried over from earlier periods when nothing changed this month. */
    /** A counter's total in the current billing period (0 before its first event). */
    public long thisPeriod(TenantId tenant, Metric metric) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em().createNativeQuery(
                        "select current from platform.usage_meter where tenant_id = :t and metric = :m and period = :p")
                .setParameter("t", tenant.value())
                .setParameter("m", metric.key())
                .setParameter("p", BillingPeriod.of(java.time.Instant.now()).toString())
                .getResultList();
        return rows.isEmpty() ? 0 : rows.get(0).longValue();
    }

    public long level(TenantId tenant, Metric metric) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em().createNativeQuery(
                        "select current from platform.usage_meter where tenant_id = :t and metric = :m order by period desc limit 1")
                .setParameter("t", tenant.value())
                .setParameter("m", metric.key())
                .getResultList();
        return rows.isEmpty() ? 0 : rows.get(0).longValue();
    }

    /** The latest level of one gauge for every brand, in one statement (the operator's overview over thousands of brands). */
    public Map<String, Long> levelsOfAll(Metric metric) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery(
                        "select distinct on (tenant_id) tenant_id, current from platform.usage_meter where metric = :m "
                                + "order by tenant_id, period desc")
                .setParameter("m", metric.key())
                .getResultList();
        Map<String, Long> levels = new LinkedHashMap<>();
        rows.forEach(r -> levels.put((String) r[0], ((Number) r[1]).longValue()));
        return levels;
    }

    /** The latest level of every gauge (stores, staff, SKUs), keyed like plan limits. */
    public Map<String, Long> levels(TenantId tenant) {
        Map<String, Long> levels = new LinkedHashMap<>();
        for (Metric metric : List.of(Metric.STORES, Metric.STAFF, Metric.SKUS)) {
            levels.put(metric.key(), level(tenant, metric));
        }
        return levels;
    }

    /** One period's metered usage: each metric's level at the end (or now) and its peak. */
    public record PeriodUsage(String period, Map<String, Long> current, Map<String, Long> peak) {}

    /** The brand's metered usage, newest month first (at most the last 24). */
    public List<PeriodUsage> history(TenantId tenant) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery(
                        "select period, metric, current, peak from platform.usage_meter where tenant_id = :t "
                                + "and period >= to_char(now() - interval '24 months', 'YYYY-MM') order by period desc, metric")
                .setParameter("t", tenant.value())
                .getResultList();
        Map<String, PeriodUsage> byPeriod = new LinkedHashMap<>();
        for (Object[] r : rows) {
            PeriodUsage usage = byPeriod.computeIfAbsent(
                    (String) r[0], p -> new PeriodUsage(p, new LinkedHashMap<>(), new LinkedHashMap<>()));
            usage.current().put((String) r[1], ((Number) r[2]).longValue());
            usage.peak().put((String) r[1], ((Number) r[3]).longValue());
        }
        return List.copyOf(byPeriod.values());
    }

    private static EntityManager em() {
        return InvoiceEntity.getEntityManager();
    }
}
