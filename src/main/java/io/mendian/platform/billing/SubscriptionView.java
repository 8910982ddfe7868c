package io.mendian.platform.billing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The brand's plan, where its subscription stands, and its usage against the plan's limits (-1 = unlimited).
 * {@code nextInvoiceEstimateFen} is what next month's invoice would be at today's store count, before prorations.
 */
public record SubscriptionView(
        String plan,
        String planName,
        String status,
        OffsetDateTime trialEndsAt,
        OffsetDateTime currentPeriodEnd,
        boolean cancelAtPeriodEnd,
        long monthlyPriceFen,
        long pricePerStoreFen,
        long creditFen,
        long nextInvoiceEstimateFen,
        Map<String, Long> limits,
        Map<String, Long> usage,
        List<String> features) {}
