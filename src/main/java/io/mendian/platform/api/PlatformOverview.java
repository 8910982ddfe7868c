package io.mendian.platform.api;

import java.util.Map;

/**
 * The operator's dashboard figures: brands by status, subscriptions by status, and monthly recurring revenue in
 * fen, from paying (ACTIVE) subscriptions and, separately, what trials would bring if they convert.
 */
public record PlatformOverview(Map<String, Long> tenantsByStatus, Map<String, Long> subscriptionsByStatus, long mrrFen, long trialMrrFen) {
}
