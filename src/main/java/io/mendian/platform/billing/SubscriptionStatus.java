package io.mendian.platform.billing;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a brand's subscription stands. TRIAL ends in ACTIVE (first invoice) or CANCELLED; an unpaid invoice moves
 * ACTIVE to PAST_DUE on its due date and to SUSPENDED after the grace period; a payment brings either back to ACTIVE.
 */
public enum SubscriptionStatus {
    TRIAL,
    ACTIVE,
    PAST_DUE,
    SUSPENDED,
    CANCELLED;

    public boolean canBecome(SubscriptionStatus next) {
        return allowed().contains(next);
    }

    private Set<SubscriptionStatus> allowed() {
        return switch (this) {
            case TRIAL -> EnumSet.of(ACTIVE, CANCELLED);
            case ACTIVE -> EnumSet.of(PAST_DUE, SUSPENDED, CANCELLED);
            case PAST_DUE -> EnumSet.of(ACTIVE, SUSPENDED, CANCELLED);
            case SUSPENDED -> EnumSet.of(ACTIVE, CANCELLED);
            case CANCELLED -> EnumSet.of(ACTIVE);
        };
    }

    /** Whether the monthly run invoices this subscription. */
    public boolean billable() {
        return this == ACTIVE || this == PAST_DUE;
    }
}
