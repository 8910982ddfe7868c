package io.mendian.tenancy;

/**
 * The brand's plan limits (tenant-provisioning/plans.yaml), checked by the context that creates the counted thing.
 * Implemented by the platform context, so that business contexts do not depend on billing.
 */
public interface PlanLimits {

    /** What a plan limits. */
    enum Limit {
        STORES("stores"),
        STAFF("staff"),
        SKUS("skus"),
        ORDERS_PER_MONTH("ordersPerMonth");

        private final String key;

        Limit(String key) {
            this.key = key;
        }

        /** The key under {@code limits:} in plans.yaml. */
        public String key() {
            return key;
        }
    }

    /**
     * Throws a 403 problem ({@code plan-limit-reached}, naming the plan, the limit and how to lift it) when the brand
     * would hold {@code wouldHave} of the resource and its plan allows fewer.
     */
    void require(TenantId tenant, Limit limit, long wouldHave);

    /**
     * Like {@link #require} for a monthly allowance ({@link Limit#ORDERS_PER_MONTH}): the month's count comes from the
     * usage meter, which the outbox feeds within moments, so a burst at the very edge may pass by a few.
     */
    void requireMonthly(TenantId tenant, Limit limit, long adding);

    /**
     * Throws a 403 problem ({@code feature-not-in-plan}, naming the plan and the feature) when the brand's plan does not
     * include the feature (a key under {@code features:} in plans.yaml, such as "delivery").
     */
    void requireFeature(TenantId tenant, String feature);

    /**
     * The platform's fee on the brand's orders, in basis points of what was paid (0 for a brand without a plan): taken
     * by WeChat Pay profit sharing once an order is final.
     */
    int platformFeeBps(TenantId tenant);
}
