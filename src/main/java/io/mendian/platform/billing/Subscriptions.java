package io.mendian.platform.registry;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.platform.api.SubscriptionView;
import io.mendian.platform.billing.Plan;
import io.mendian.platform.billing.Plans;
import io.mendian.platform.persistence.SubscriptionEntity;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;

/** Subscriptions and the plans behind them. */
@ApplicationScoped
public class Subscriptions {

    private final Plans plans;

    public Subscriptions(Plans plans) {
        this.plans = plans;
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
