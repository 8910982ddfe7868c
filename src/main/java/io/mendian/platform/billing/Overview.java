package io.mendian.platform.billing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.platform.billing.persistence.InvoiceEntity;
import io.mendian.platform.billing.persistence.SubscriptionEntity;
import io.mendian.platform.registry.BrandRecords;
import io.mendian.tenancy.UsageChanged.Metric;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Computes the operator's overview from the control plane alone: store counts come from the usage meter. */
@ApplicationScoped
public class Overview {

    private final Plans plans;
    private final UsageMeter meter;
    private final BrandRecords brands;

    public Overview(Plans plans, UsageMeter meter, BrandRecords brands) {
        this.brands = brands;
        this.plans = plans;
        this.meter = meter;
    }

    public PlatformOverview compute() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> byStatus = brands.countByStatus();
            Map<String, Long> bySubscription = new TreeMap<>();
            long mrr = 0;
            long trialMrr = 0;
            Map<String, Long> stores = meter.levelsOfAll(Metric.STORES);
            for (SubscriptionEntity subscription : SubscriptionEntity.<SubscriptionEntity>listAll()) {
                bySubscription.merge(subscription.status, 1L, Long::sum);
                var plan = plans.find(subscription.plan);
                if (plan.isEmpty()) {
                    continue;
                }
                long monthly = plan.get().monthlyFor(stores.getOrDefault(subscription.tenantId, 0L));
                switch (subscription.status) {
                    case "ACTIVE", "PAST_DUE" -> mrr += subscription.cancelAtPeriodEnd ? 0 : monthly;
                    case "TRIAL" -> trialMrr += monthly;
                    default -> {}
                }
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            List<InvoiceEntity> overdue = InvoiceEntity.list("status = 'OPEN' and dueAt < ?1", now);
            long overdueFen =
                    overdue.stream().mapToLong(i -> i.totalFen - i.paidFen).sum();
            return new PlatformOverview(byStatus, bySubscription, mrr, trialMrr, overdue.size(), overdueFen);
        });
    }
}
