package io.mendian.platform.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.platform.billing.persistence.InvoiceEntity;
import io.mendian.platform.billing.persistence.SubscriptionEntity;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Chases unpaid invoices: a reminder before the due date, past_due on it, a final notice, then suspension when the
 * grace period runs out. Each step is taken once per invoice (its row is the record that it happened), so the daily
 * job can run any number of times, on any instance, and catch up after downtime in one pass.
 */
@ApplicationScoped
public class Dunning {

    /** What one pass did. */
    public record Result(int reminded, int pastDue, int finalNotices, int suspended) {}

    private final SubscriptionLifecycle lifecycle;
    private final Duration remindBefore;
    private final Duration grace;

    public Dunning(
            SubscriptionLifecycle lifecycle,
            @ConfigProperty(name = "mendian.billing.remind-days-before-due", defaultValue = "3") int remindDays,
            @ConfigProperty(name = "mendian.billing.grace-days", defaultValue = "14") int graceDays) {
        this.lifecycle = lifecycle;
        this.remindBefore = Duration.ofDays(remindDays);
        this.grace = Duration.ofDays(graceDays);
    }

    public Result run(Instant now) {
        return run(now, Set.of());
    }

    /** @param only these brands; empty for all */
    public Result run(Instant now, Set<String> only) {
        List<Long> open = QuarkusTransaction.requiringNew()
                .call(() -> InvoiceEntity.<InvoiceEntity>list("status = 'OPEN' order by dueAt").stream()
                        .filter(i -> only.isEmpty() || only.contains(i.tenantId))
                        .map(i -> i.id)
                        .toList());
        int[] counts = new int[4];
        for (Long id : open) {
            try {
                QuarkusTransaction.requiringNew().run(() -> chase(id, now, counts));
            } catch (RuntimeException e) {
                Log.errorf(e, "dunning failed for invoice %d; the next pass retries", id);
            }
        }
        return new Result(counts[0], counts[1], counts[2], counts[3]);
    }

    private void chase(long invoiceId, Instant now, int[] counts) {
        InvoiceEntity invoice = InvoiceEntity.findById(invoiceId);
        SubscriptionEntity subscription = SubscriptionLifecycle.lock(invoice.tenantId);
        // A payment may have committed while this pass waited for the brand's lock: read the invoice again.
        InvoiceEntity.getEntityManager().refresh(invoice);
        if (!"OPEN".equals(invoice.status)) {
            return;
        }
        Instant due = invoice.dueAt.toInstant();
        Instant suspendAt = due.plus(grace);
        if (now.isAfter(due.minus(remindBefore))
                && now.isBefore(due)
                && recordStep(
                        invoice,
                        "reminder",
                        now,
                        "invoice " + invoice.number + " is due on " + invoice.dueAt.toLocalDate())) {
            counts[0]++;
        }
        if (!now.isBefore(due) && recordStep(invoice, "past-due", now, "invoice " + invoice.number + " is overdue")) {
            lifecycle.markPastDue(subscription, now);
            counts[1]++;
        }
        if (!now.isBefore(suspendAt.minus(remindBefore))
                && now.isBefore(suspendAt)
                && recordStep(
                        invoice,
                        "final-notice",
                        now,
                        "the brand will be suspended on "
                                + suspendAt.atZone(BillingPeriod.ZONE).toLocalDate())) {
            counts[2]++;
        }
        if (!now.isBefore(suspendAt)
                && recordStep(invoice, "suspended", now, "suspended for non-payment of " + invoice.number)) {
            lifecycle.suspendForNonPayment(subscription, invoice.number, now);
            counts[3]++;
        }
    }

    /**
     * Records that a dunning step happened; false when it already had. Notices are delivered from these rows (HQ sees
     * them on the invoice; e-mail and WeChat template messages come with the notification context).
     */
    static boolean recordStep(InvoiceEntity invoice, String step, Instant at, String detail) {
        int inserted = InvoiceEntity.getEntityManager()
                .createNativeQuery("insert into platform.dunning_step (invoice_id, step, tenant_id, taken_at, detail) "
                        + "values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                .setParameter(1, invoice.id)
                .setParameter(2, step)
                .setParameter(3, invoice.tenantId)
                .setParameter(4, at.atOffset(ZoneOffset.UTC))
                .setParameter(5, detail)
                .executeUpdate();
        if (inserted == 1) {
            Log.infof("dunning %s: %s", invoice.tenantId, detail);
        }
        return inserted == 1;
    }
}
