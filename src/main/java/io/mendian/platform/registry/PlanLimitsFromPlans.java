package io.mendian.platform.registry;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.platform.persistence.SubscriptionEntity;
import io.mendian.platform.signup.ProvisioningCatalog;
import io.mendian.tenancy.PlanLimits;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Plan limits from the brand's subscription and plans.yaml; the brand's plan is cached briefly. */
@ApplicationScoped
public class PlanLimitsFromPlans implements PlanLimits {

    private static final long TTL_NANOS = Duration.ofSeconds(10).toNanos();
    private final ProvisioningCatalog catalog;
    private final TtlCache<String, String> plans = new TtlCache<>(plan -> TTL_NANOS);

    public PlanLimitsFromPlans(ProvisioningCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void require(TenantId tenant, Limit limit, long wouldHave) {
        String planId = planOf(tenant);
        if (planId == null) {
            return;
        }
        var plan = catalog.plan(planId);
        if (plan.isEmpty()) {
            return;
        }
        long allowed = plan.get().path("limits").path(limit.key()).asLong(-1);
        if (allowed >= 0 && wouldHave > allowed) {
            String name = plan.get().path("name").asText(planId);
            throw ProblemException.forbidden("plan-limit-reached", "plan " + name + " allows " + allowed + " " + limit.key()
                    + "; upgrade your plan to add more").with("plan", planId).with("limit", limit.key()).with("allowed", allowed);
        }
    }

    @Override
    public void requireFeature(TenantId tenant, String feature) {
        String planId = planOf(tenant);
        Optional<JsonNode> plan = planId == null ? Optional.empty() : catalog.plan(planId);
        if (plan.isEmpty()) {
            return;
        }
        for (var included : plan.get().path("features")) {
            if (feature.equals(included.asText())) {
                return;
            }
        }
        String name = plan.get().path("name").asText(planId);
        throw ProblemException.forbidden("feature-not-in-plan", "plan " + name + " does not include " + feature + "; upgrade your plan to use it")
                .with("plan", planId).with("feature", feature);
    }

    /** Called after a plan change on this instance, so that the new plan applies at once here (others within the TTL). */
    public void forget(String tenant) {
        plans.remove(tenant);
    }

    private String planOf(TenantId tenant) {
        return plans.get(tenant.value(), () -> QuarkusTransaction.joiningExisting().call(() -> {
            SubscriptionEntity subscription = SubscriptionEntity.findById(tenant.value());
            return subscription == null ? null : subscription.plan;
        }));
    }
}
