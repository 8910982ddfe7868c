package io.mendian.platform.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.platform.api.SubscriptionView;
import io.mendian.platform.persistence.SubscriptionEntity;
import io.mendian.platform.signup.ProvisioningCatalog;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;

/** Subscriptions and the plans behind them. */
@ApplicationScoped
public class Subscriptions {

    private final ProvisioningCatalog catalog;

    public Subscriptions(ProvisioningCatalog catalog) {
        this.catalog = catalog;
    }

    @Transactional
    public SubscriptionView view(TenantId tenant, Map<String, Long> usage) {
        SubscriptionEntity subscription = SubscriptionEntity.findById(tenant.value());
        if (subscription == null) {
            throw ProblemException.notFound("subscription of " + tenant.value());
        }
        var plan = catalog.plan(subscription.plan).orElseThrow(() -> new IllegalStateException("plan " + subscription.plan + " missing from plans.yaml"));
        Map<String, Long> limits = new LinkedHashMap<>();
        plan.path("limits").fields().forEachRemaining(e -> limits.put(e.getKey(), e.getValue().asLong()));
        List<String> features = new ArrayList<>();
        plan.path("features").forEach(f -> features.add(f.asText()));
        return new SubscriptionView(subscription.plan, plan.path("name").asText(subscription.plan), subscription.status, subscription.trialEndsAt,
                plan.path("monthlyPrice").asLong(), plan.path("pricePerStore").asLong(), limits, usage, features);
    }
}
