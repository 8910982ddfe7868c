package io.mendian.platform.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The brand's plan, where its subscription stands, and its usage against the plan's limits (-1 = unlimited). */
public record SubscriptionView(String plan, String planName, String status, OffsetDateTime trialEndsAt, long monthlyPriceFen, long pricePerStoreFen,
        Map<String, Long> limits, Map<String, Long> usage, List<String> features) {
}
