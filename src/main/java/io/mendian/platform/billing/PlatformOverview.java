package io.mendian.platform.billing;

import java.util.Map;

/**
 * The operator's dashboard figures: brands by status, subscriptions by status, monthly recurring revenue in fen from
 * paying subscriptions (ACTIVE and PAST_DUE, at metered store counts) and, separately, what trials would bring if they
 * convert; and the invoices past their due date.
 */
public record PlatformOverview(
        Map<String, Long> tenantsByStatus,
        Map<String, Long> subscriptionsByStatus,
        long mrrFen,
        long trialMrrFen,
        long overdueInvoices,
        long overdueFen) {}
