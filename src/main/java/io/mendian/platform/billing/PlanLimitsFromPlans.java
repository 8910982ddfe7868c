package io.mendian.platform.billing;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.messaging.ClusterSignals;
import io.mendian.platform.billing.persistence.SubscriptionEntity;
import io.mendian.platform.registry.TtlCache;
import io.mendian.tenancy.PlanLimits;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;

/** Plan limits from the brand's subscription and plans.yaml; the brand's plan is cached briefly. */
@ApplicationScoped
public class PlanLimitsFromPlans implements PlanLimits {

    private static final long TTL_NANOS = Duration.ofSeconds(10).toNanos();
    private final Plans catalog;
    private final TtlCache<String, String> plans = new TtlCache<>(plan -> TTL_NANOS, 100_000);

    private final UsageMeter meter;

    private final ClusterSignals signals;
    private final Shards shards;

    public PlanLimitsFromPlans(Plans catalog, UsageMeter meter, ClusterSignals signals, Shards shards) {
        this.signals = signals;
        this.shards = shards;
        signals.onKey("plan", plans::remove, plans::clear);
        this.meter = meter;
        this.catalog = catalog;
    }

    @Override
    public void require(TenantId tenant, Limit limit, long wouldHave) {
        Optional<Plan> plan = planOf(tenant);
        if (plan.isEmpty()) {
            return;
        }
        long allowed = plan.get().limit(limit.key());
        if (allowed >= 0 && wouldHave > allowed) {
            throw ProblemException.forbidden(
                            "plan-limit-reached",
                            "plan " + plan.get().name() + " allows " + allowed + " " + limit.key()
                                    + "; upgrade your plan to add more")
                    .with("plan", plan.get().id())
                    .with("limit", limit.key())
                    .with("allowed", allowed);
        }
    }

    @Override
    public void requireMonthly(TenantId tenant, Limit limit, long adding) {
        if (limit != Limit.ORDERS_PER_MONTH) {
            throw new IllegalArgumentException(limit + " is not a monthly allowance");
        }
        // The caller's transaction may hold the brand's shard: see Shards.controlPlane (docs/adr/0022).
        long month = shards.controlPlane(
                tenant, () -> meter.thisPeriod(tenant, io.mendian.tenancy.UsageChanged.Metric.ORDERS));
        require(tenant, limit, month + adding);
    }

    @Override
    public void requireFeature(TenantId tenant, String feature) {
        Optional<Plan> plan = planOf(tenant);
        if (plan.isPresent() && !plan.get().includes(feature)) {
            throw ProblemException.forbidden(
                            "feature-not-in-plan",
                            "plan " + plan.get().name() + " does not include " + feature
                                    + "; upgrade your plan to use it")
                    .with("plan", plan.get().id())
                    .with("feature", feature);
        }
    }

    @Override
    public int platformFeeBps(TenantId tenant) {
        return planOf(tenant).map(Plan::platformFeeBps).orElse(0);
    }

    /** Called on a plan change: once it commits the new plan applies at once here and, by their signal, elsewhere. */
    public void forget(String tenant) {
        signals.send("plan", tenant);
    }

    /** The brand's plan; empty (no limits) for a brand without a subscription or on a plan missing from plans.yaml. */
    private Optional<Plan> planOf(TenantId tenant) {
        return catalog.find(plans.get(
                tenant.value(),
                () -> shards.controlPlane(tenant, () -> {
                    SubscriptionEntity subscription = SubscriptionEntity.findById(tenant.value());
                    return subscription == null ? null : subscription.plan;
                })));
    }
}
