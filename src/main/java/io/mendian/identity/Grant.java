package io.mendian.identity;

import java.util.Optional;

import io.mendian.tenancy.TenantId;

/**
 * One entry of the token's {@code grants} claim: {@code <tenant>:<role>:<scope>}, for example
 * {@code acme:store_clerk:store/42}. Written only by provisioning and staff management through the Keycloak
 * Admin API; the user profile makes the attribute admin-only.
 */
public record Grant(TenantId tenant, Role role, Scope scope) {

    public String claim() {
        return tenant.value() + ":" + role.claim() + ":" + scope.claim();
    }

    /** Parses a claim value; a malformed value is ignored rather than trusted (the token itself was verified). */
    public static Optional<Grant> parse(String claim) {
        if (claim == null) {
            return Optional.empty();
        }
        String[] parts = claim.split(":", -1);
        if (parts.length != 3 || !TenantId.isValid(parts[0])) {
            return Optional.empty();
        }
        try {
            return Role.fromClaim(parts[1]).map(role -> new Grant(new TenantId(parts[0]), role, Scope.parse(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
