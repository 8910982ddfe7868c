package io.mendian.platform.registry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.platform.api.PlatformOverview;
import io.mendian.platform.persistence.SubscriptionEntity;
import io.mendian.platform.persistence.TenantEntity;
import io.mendian.platform.signup.ProvisioningCatalog;
import io.mendian.store.StoreApi;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Computes the operator's overview; per-store prices need each brand's store count, read in its own schema. */
@ApplicationScoped
public class Overview {

    private final ProvisioningCatalog catalog;
    private final Tenants tenants;
    private final StoreApi stores;

    public Overview(ProvisioningCatalog catalog, Tenants tenants, StoreApi stores) {
        this.catalog = catalog;
        this.tenants = tenants;
        this.stores = stores;
    }

    public PlatformOverview compute() {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> bySubscription = new TreeMap<>();
        List<SubscriptionEntity> subscriptions = QuarkusTransaction.requiringNew().call(() -> {
            TenantEntity.<TenantEntity>listAll().forEach(t -> byStatus.merge(t.status.name(), 1L, Long::sum));
            return SubscriptionEntity.<SubscriptionEntity>listAll();
        });
        long mrr = 0;
        long trialMrr = 0;
        for (SubscriptionEntity subscription : subscriptions) {
            bySubscription.merge(subscription.status, 1L, Long::sum);
            var plan = catalog.plan(subscription.plan);
            if (plan.isEmpty()) {
                continue;
            }
            long perStore = plan.get().path("pricePerStore").asLong();
            // A new transaction per brand: its session resolves that brand's schema when it opens, instead of reusing
            // the request's session, which is bound to whichever schema it opened first.
            long storeCount = perStore == 0 ? 0 : tenants.runAs(new TenantId(subscription.tenantId),
                    () -> QuarkusTransaction.requiringNew().call(stores::countNotClosed));
            long monthly = plan.get().path("monthlyPrice").asLong() + perStore * storeCount;
            if ("ACTIVE".equals(subscription.status)) {
                mrr += monthly;
            } else if ("TRIAL".equals(subscription.status)) {
                trialMrr += monthly;
            }
        }
        return new PlatformOverview(byStatus, bySubscription, mrr, trialMrr);
    }
}
