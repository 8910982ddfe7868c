package io.mendian.platform.billing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.platform.billing.persistence.SubscriptionEntity;
import io.mendian.platform.registry.SubscriptionSummaries;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;

/** Subscriptions and the plans behind them. */
@ApplicationScoped
public class Subscriptions implements SubscriptionSummaries {

    private final Plans plans;

    public Subscriptions(Plans plans) {
        this.plans = plans;
    }

    @Override
    @Transactional
    public Optional<Summary> of(TenantId tenant) {
        return Optional.ofNullable(SubscriptionEntity.<SubscriptionEntity>findById(tenant.value()))
                .map(s -> new Summary(s.status, s.trialEndsAt));
    }

    @Transactional
    public SubscriptionView view(TenantId tenant, Map<String, Long> usage) {
        SubscriptionEntity subscription = SubscriptionEntity.findById(tenant.value());
        if (subscription == null) {
            throw ProblemException.notFound("subscription of " + tenant.value());
        }
        Plan plan = plans.require(subscription.plan);
        return new SubscriptionView(
                plan.id(),
                plan.name(),
                subscription.status,
                subscription.trialEndsAt,
                subscription.currentPeriodEnd,
                subscription.cancelAtPeriodEnd,
                plan.monthlyFen(),
                plan.perStoreFen(),
                subscription.creditFen,
                plan.monthlyFor(usage.getOrDefault("stores", 0L)),
                plan.limits(),
                usage,
                List.copyOf(plan.features()));
    }
}
