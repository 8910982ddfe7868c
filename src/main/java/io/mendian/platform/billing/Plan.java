package io.mendian.platform.billing;

import java.util.Map;
import java.util.Set;

/**
 * A plan from tenant-provisioning/plans.yaml. Prices are fen; a limit of -1 is unlimited; the platform fee is in basis
 * points of each final order's paid amount.
 */
public record Plan(
        String id,
        String name,
        boolean selfService,
        long monthlyFen,
        long perStoreFen,
        int trialDays,
        int platformFeeBps,
        Map<String, Long> limits,
        Set<String> features) {

    /** What the plan charges for a month with this many billable stores. */
    public long monthlyFor(long stores) {
        return Math.addExact(monthlyFen, Math.multiplyExact(perStoreFen, Math.max(0, stores)));
    }

    public long limit(String key) {
        return limits.getOrDefault(key, -1L);
    }

    public boolean includes(String feature) {
        return features.contains(feature);
    }
}
