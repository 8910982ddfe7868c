package io.mendian.platform.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.platform.billing.persistence.InvoiceEntity;
import io.mendian.platform.billing.persistence.SubscriptionEntity;
import io.mendian.platform.signup.Faults;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The monthly invoice run for one period. Each brand is settled in its own transaction holding its subscription row
 * lock, and the (brand, period) unique key backs that up, so a run killed midway, restarted, or started twice on two
 * instances issues every invoice exactly once. A failing brand is counted and logged; the others carry on.
 */
@ApplicationScoped
public class InvoiceRun {

    /** What one run did; counts are for this run, not the period's totals. */
    public record Result(String period, int issued, int activated, int cancelled, int skipped, int failed) {}

    private final Invoicing invoicing;
    private final SubscriptionLifecycle lifecycle;
    private final Faults faults;

    public InvoiceRun(Invoicing invoicing, SubscriptionLifecycle lifecycle, Faults faults) {
        this.invoicing = invoicing;
        this.lifecycle = lifecycle;
        this.faults = faults;
    }

    public Result run(BillingPeriod period, Instant now) {
        return run(period, now, Set.of());
    }

    /** @param only these brands (an operator re-running one brand); empty for all */
    public Result run(BillingPeriod period, Instant now, Set<String> only) {
        QuarkusTransaction.requiringNew()
                .run(() -> InvoiceEntity.getEntityManager()
                        .createNativeQuery(
                                "insert into platform.invoice_run (period, started_at) values (?1, ?2) on conflict (period) do update set runs = "
                                        + "platform.invoice_run.runs + 1, started_at = excluded.started_at, finished_at = null")
                        .setParameter(1, period.toString())
                        .setParameter(2, now.atOffset(ZoneOffset.UTC))
                        .executeUpdate());
        List<String> brands = QuarkusTransaction.requiringNew()
                .call(() -> SubscriptionEntity.<SubscriptionEntity>list("order by tenantId").stream()
                        .map(s -> s.tenantId)
                        .filter(t -> only.isEmpty() || only.contains(t))
                        .toList());
        int issued = 0;
        int activated = 0;
        int cancelled = 0;
        int skipped = 0;
        int failed = 0;
        String lastError = null;
        for (String brand : brands) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> settle(brand, period, now));
                switch (outcome) {
                    case ISSUED -> issued++;
                    case ACTIVATED -> activated++;
                    case CANCELLED -> cancelled++;
                    case SKIPPED -> skipped++;
                }
                faults.checkpoint("invoice-run.after-brand");
            } catch (RuntimeException e) {
                failed++;
                lastError = brand + ": " + e.getMessage();
                Log.errorf(e, "invoice run %s failed for %s; the next run retries it", period, brand);
            }
        }
        Result result = new Result(period.toString(), issued, activated, cancelled, skipped, failed);
        String error = lastError == null || lastError.length() <= 2000 ? lastError : lastError.substring(0, 2000);
        QuarkusTransaction.requiringNew()
                .run(() -> InvoiceEntity.getEntityManager()
                        .createNativeQuery(
                                "update platform.invoice_run set finished_at = ?2, issued = issued + ?3, activated = activated + ?4, cancelled = cancelled + ?5, "
                                        + "failed = ?6, last_error = ?7 where period = ?1")
                        .setParameter(1, period.toString())
                        .setParameter(2, Instant.now().atOffset(ZoneOffset.UTC))
                        .setParameter(3, result.issued())
                        .setParameter(4, result.activated())
                        .setParameter(5, result.cancelled())
                        .setParameter(6, result.failed())
                        .setParameter(7, error)
                        .executeUpdate());
        Log.infof("invoice run %s: %s", period, result);
        return result;
    }

    /** One period's runs as recorded: how often it ran, what it did, the last failure. */
    public record Record(
            String period,
            String startedAt,
            String finishedAt,
            int runs,
            int issued,
            int activated,
            int cancelled,
            int failed,
            String lastError) {}

    /** The last three years of runs, newest month first. */
    public List<Record> history() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = InvoiceEntity.getEntityManager()
                    .createNativeQuery(
                            "select period, started_at::text, finished_at::text, runs, issued, "
                                    + "activated, cancelled, failed, last_error from platform.invoice_run order by period desc limit 36")
                    .getResultList();
            return rows.stream()
                    .map(r -> new Record(
                            (String) r[0],
                            (String) r[1],
                            (String) r[2],
                            ((Number) r[3]).intValue(),
                            ((Number) r[4]).intValue(),
                            ((Number) r[5]).intValue(),
                            ((Number) r[6]).intValue(),
                            ((Number) r[7]).intValue(),
                            (String) r[8]))
                    .toList();
        });
    }

    private enum Outcome {
        ISSUED,
        ACTIVATED,
        CANCELLED,
        SKIPPED
    }

    private Outcome settle(String brand, BillingPeriod period, Instant now) {
        SubscriptionEntity subscription = SubscriptionLifecycle.lock(brand);
        SubscriptionStatus status = SubscriptionLifecycle.status(subscription);
        if (status == SubscriptionStatus.TRIAL) {
            if (subscription.trialEndsAt == null
                    || subscription.trialEndsAt.toInstant().isAfter(now)) {
                return Outcome.SKIPPED;
            }
            Instant trialEnd = subscription.trialEndsAt.toInstant();
            lifecycle.startPaying(subscription, trialEnd.isBefore(period.start()) ? period.start() : trialEnd);
            return Outcome.ACTIVATED;
        }
        if (!status.billable()) {
            return Outcome.SKIPPED;
        }
        // A cancellation takes effect when the paid month is over, not on the next daily pass.
        if (subscription.cancelAtPeriodEnd
                && (subscription.currentPeriodEnd == null
                        || !now.isBefore(subscription.currentPeriodEnd.toInstant()))) {
            lifecycle.end(subscription, "billing", now);
            return Outcome.CANCELLED;
        }
        // Months before the brand started paying (a late manual run, or a reactivated brand) are never billed.
        if (subscription.currentPeriodStart != null
                && !subscription.currentPeriodStart.toInstant().isBefore(period.end())) {
            return Outcome.SKIPPED;
        }
        if (invoicing.existing(brand, period).isPresent()) {
            return Outcome.SKIPPED;
        }
        invoicing.issue(subscription, period, period.start(), now);
        faults.checkpoint("invoice-run.before-commit");
        if (subscription.currentPeriodEnd == null || period.end().isAfter(subscription.currentPeriodEnd.toInstant())) {
            subscription.currentPeriodStart = period.start().atOffset(ZoneOffset.UTC);
            subscription.currentPeriodEnd = period.end().atOffset(ZoneOffset.UTC);
        }
        return Outcome.ISSUED;
    }
}
