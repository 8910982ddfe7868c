package io.mendian.platform.billing;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * The billing clock, on Quartz's clustered JDBC store: each firing runs on exactly one instance, and a firing missed
 * while every instance was down runs once when one comes back. The jobs themselves are idempotent, so the daily job
 * also finishes a monthly run that crashed midway and ends trials that ran out.
 */
@ApplicationScoped
public class BillingJobs {

    private final InvoiceRun invoiceRun;
    private final Dunning dunning;

    public BillingJobs(InvoiceRun invoiceRun, Dunning dunning) {
        this.invoiceRun = invoiceRun;
        this.dunning = dunning;
    }

    @Scheduled(
            identity = "billing-monthly-invoice-run",
            cron = "${mendian.billing.invoice-cron:0 5 0 1 * ?}",
            timeZone = "Asia/Shanghai",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void monthly() {
        Instant now = Instant.now();
        invoiceRun.run(BillingPeriod.of(now), now);
    }

    @Scheduled(
            identity = "billing-daily",
            cron = "${mendian.billing.daily-cron:0 0 9 * * ?}",
            timeZone = "Asia/Shanghai",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        Instant now = Instant.now();
        invoiceRun.run(BillingPeriod.of(now), now);
        Log.infof("dunning: %s", dunning.run(now));
    }
}
