package io.mendian.platform.registry;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.mendian.tenancy.TenantId;

/**
 * What the operator's brand list shows of a brand's subscription. Billing implements it, so that the registry never
 * depends on billing (billing depends on the registry).
 */
public interface SubscriptionSummaries {

    /** A subscription's status and trial end, as the brand list shows them. */
    record Summary(String status, OffsetDateTime trialEndsAt) {}

    Optional<Summary> of(TenantId tenant);
}
