package io.mendian.platform.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.platform.billing.persistence.InvoiceEntity;
import io.mendian.platform.billing.persistence.SubscriptionEntity;
import io.mendian.store.StoreApi;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.mendian.tenancy.UsageChanged;
import io.mendian.tenancy.UsageChanged.Metric;
import io.mendian.web.Rows;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Issues one brand's invoice for one month, in advance: the plan's base price and per-store price (prorated when the
 * subscription starts mid-month, per-store prices on the brand's current store count), the prorations of plan changes since the last invoice, and any account credit.
 * Runs inside the caller's transaction, which holds the subscription row lock.
 */
@ApplicationScoped
public class Invoicing {

    /** One line of an invoice; amounts in fen, negative for credits. */
    public record Line(String kind, String description, long quantity, long unitFen, long amountFen) {}

    private final Plans plans;
    private final UsageMeter meter;
    private final StoreApi stores;
    private final Tenants tenants;
    private final Duration netTerms;

    public Invoicing(
            Plans plans,
            UsageMeter meter,
            StoreApi stores,
            Tenants tenants,
            @ConfigProperty(name = "mendian.billing.net-days", defaultValue = "7") int netDays) {
        this.plans = plans;
        this.meter = meter;
        this.stores = stores;
        this.tenants = tenants;
        this.netTerms = Duration.ofDays(netDays);
    }

    public static String number(TenantId tenant, BillingPeriod period) {
        return "MD-" + period.month().toString().replace("-", "") + "-" + tenant.value();
    }

    /**
     * What the brand was actually charged for its current plan for the rest of {@code period}, from {@code now}: the
     * latest plan change into that plan this period charged its remainder from the change; otherwise the period's
     * invoice charged its plan and store lines from where it started. Prorating that amount (never today's recomputed
     * price, which may count other stores) is what a downgrade may credit.
     */
    public long paidRemainder(InvoiceEntity invoice, String planName, BillingPeriod period, Instant now) {
        EntityManager em = InvoiceEntity.getEntityManager();
        @SuppressWarnings("unchecked")
        List<Object[]> changes = em.createNativeQuery(
                        "select changed_at, charge_fen from platform.plan_change where tenant_id = ?1 "
                                + "and to_plan = ?2 and changed_at >= ?3 and changed_at < ?4 order by changed_at desc, id desc limit 1")
                .setParameter(1, invoice.tenantId)
                .setParameter(2, planName)
                .setParameter(3, period.start().atOffset(ZoneOffset.UTC))
                .setParameter(4, now.atOffset(ZoneOffset.UTC))
                .getResultList();
        Instant paidFrom;
        long paid;
        if (!changes.isEmpty()) {
            paidFrom = Rows.offset(changes.get(0)[0]).toInstant();
            paid = ((Number) changes.get(0)[1]).longValue();
        } else {
            paidFrom = invoice.coveredFrom == null ? period.start() : invoice.coveredFrom.toInstant();
            paid = ((Number) em.createNativeQuery("select coalesce(sum(amount_fen), 0) from platform.invoice_line "
                                    + "where invoice_id = ?1 and kind in ('plan', 'stores')")
                            .setParameter(1, invoice.id)
                            .getSingleResult())
                    .longValue();
        }
        Instant from = now.isBefore(paidFrom) ? paidFrom : now;
        if (!from.isBefore(period.end()) || !paidFrom.isBefore(period.end())) {
            return 0;
        }
        return Proration.share(paid, Duration.between(from, period.end()), Duration.between(paidFrom, period.end()));
    }

    public Optional<InvoiceEntity> existing(String tenant, BillingPeriod period) {
        return InvoiceEntity.find("tenantId = ?1 and period = ?2", tenant, period.toString())
                .firstResultOptional();
    }

    /**
     * Issues the invoice for {@code period}, charging from {@code from} (the period start, or later for a first
     * invoice). Returns the existing invoice when there is one: issuing is idempotent per brand and month.
     */
    public InvoiceEntity issue(SubscriptionEntity subscription, BillingPeriod period, Instant from, Instant now) {
        Optional<InvoiceEntity> existing = existing(subscription.tenantId, period);
        if (existing.isPresent()) {
            return existing.get();
        }
        TenantId tenant = new TenantId(subscription.tenantId);
        Plan plan = plans.require(subscription.plan);
        long stores = billableStores(tenant, now);
        List<Line> lines = new ArrayList<>();
        boolean partial = from.isAfter(period.start());
        String suffix = partial ? " (from " + from.atZone(BillingPeriod.ZONE).toLocalDate() + ")" : "";
        lines.add(new Line(
                "plan",
                "Plan " + plan.name() + ", " + period + suffix,
                1,
                plan.monthlyFen(),
                Proration.remainder(plan.monthlyFen(), period, from)));
        if (plan.perStoreFen() > 0 && stores > 0) {
            lines.add(new Line(
                    "stores",
                    "Stores, " + period + suffix,
                    stores,
                    plan.perStoreFen(),
                    Proration.remainder(plan.perStoreFen() * stores, period, from)));
        }
        List<Long> changes = new ArrayList<>();
        for (Object[] change : pendingPlanChanges(subscription.tenantId)) {
            changes.add(((Number) change[0]).longValue());
            String when = (String) change[3];
            long credit = ((Number) change[4]).longValue();
            long charge = ((Number) change[5]).longValue();
            if (credit != 0) {
                lines.add(new Line("proration", "Unused " + change[1] + " from " + when, 1, -credit, -credit));
            }
            if (charge != 0) {
                lines.add(new Line("proration", "Remaining " + change[2] + " from " + when, 1, charge, charge));
            }
        }
        long subtotal = lines.stream().mapToLong(Line::amountFen).sum();
        if (subtotal < 0) {
            subscription.creditFen += -subtotal;
            lines.add(new Line("credit", "Carried to account credit", 1, -subtotal, -subtotal));
            subtotal = 0;
        } else if (subscription.creditFen > 0 && subtotal > 0) {
            long applied = Math.min(subscription.creditFen, subtotal);
            subscription.creditFen -= applied;
            lines.add(new Line("credit", "Account credit applied", 1, -applied, -applied));
            subtotal -= applied;
        }
        OffsetDateTime issued = now.atOffset(ZoneOffset.UTC);
        InvoiceEntity invoice = new InvoiceEntity();
        invoice.number = number(tenant, period);
        invoice.tenantId = subscription.tenantId;
        invoice.period = period.toString();
        invoice.coveredFrom = (from.isAfter(period.start()) ? from : period.start()).atOffset(ZoneOffset.UTC);
        invoice.plan = plan.id();
        invoice.currency = "CNY";
        invoice.totalFen = subtotal;
        invoice.issuedAt = issued;
        invoice.dueAt = issued.plus(netTerms);
        invoice.status = subtotal == 0 ? "PAID" : "OPEN";
        invoice.paidAt = subtotal == 0 ? issued : null;
        invoice.persistAndFlush();
        EntityManager em = InvoiceEntity.getEntityManager();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            em.createNativeQuery(
                            "insert into platform.invoice_line (invoice_id, position, kind, description, quantity, unit_fen, amount_fen) "
                                    + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, invoice.id)
                    .setParameter(2, i + 1)
                    .setParameter(3, line.kind())
                    .setParameter(4, line.description())
                    .setParameter(5, line.quantity())
                    .setParameter(6, line.unitFen())
                    .setParameter(7, line.amountFen())
                    .executeUpdate();
        }
        if (!changes.isEmpty()) {
            em.createNativeQuery("update platform.plan_change set invoice_id = ?1 where id in (?2)")
                    .setParameter(1, invoice.id)
                    .setParameter(2, changes)
                    .executeUpdate();
        }
        if (subtotal > 0) {
            Dunning.recordStep(
                    invoice,
                    "issued",
                    now,
                    "invoice " + invoice.number + " issued, due " + invoice.dueAt.toLocalDate());
        }
        Log.infof("issued invoice %s for %s: %d fen", invoice.number, subscription.tenantId, subtotal);
        return invoice;
    }

    /**
     * Per-store prices bill the stores the brand has now. The meter follows store events; reading the brand's own
     * count here (in its schema, in a transaction of its own) repairs any reading an event missed, such as a crash
     * between commit and metering, before money depends on it.
     */
    private long billableStores(TenantId tenant, Instant now) {
        long count =
                tenants.runAs(tenant, () -> QuarkusTransaction.requiringNew().call(stores::countNotClosed));
        QuarkusTransaction.requiringNew()
                .run(() -> meter.record(UsageChanged.level(tenant, Metric.STORES, count), now));
        return count;
    }

    public List<Line> lines(long invoiceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = InvoiceEntity.getEntityManager()
                .createNativeQuery("select kind, description, quantity, unit_fen, amount_fen "
                        + "from platform.invoice_line where invoice_id = ?1 order by position")
                .setParameter(1, invoiceId)
                .getResultList();
        return rows.stream()
                .map(r -> new Line(
                        (String) r[0],
                        (String) r[1],
                        ((Number) r[2]).longValue(),
                        ((Number) r[3]).longValue(),
                        ((Number) r[4]).longValue()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> pendingPlanChanges(String tenant) {
        return InvoiceEntity.getEntityManager()
                .createNativeQuery(
                        "select id, from_plan, to_plan, to_char(changed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), credit_fen, charge_fen "
                                + "from platform.plan_change where tenant_id = ?1 and invoice_id is null order by id")
                .setParameter(1, tenant)
                .getResultList();
    }
}
