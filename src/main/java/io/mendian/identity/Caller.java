package io.mendian.identity;

import java.util.List;

import io.mendian.tenancy.TenantId;

/**
 * The verified caller of a staff request, reduced to what the policy needs: who, for which tenant, with which
 * grants in that tenant.
 */
public record Caller(String subject, String username, TenantId tenant, List<Grant> grants) {

    public Caller {
        grants = List.copyOf(grants);
    }

    /** Whether one of the caller's grants here carries the capability (with scope {@code all} when it is brand-wide). */
    public boolean holds(Capability capability) {
        return grants.stream().anyMatch(capability::carriedBy);
    }
}
