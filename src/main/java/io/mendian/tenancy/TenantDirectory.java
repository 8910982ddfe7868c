package io.mendian.tenancy;

import java.util.List;
import java.util.Optional;

/**
 * What the shared request path needs to know about a tenant. Implemented by the platform context (the registry),
 * so that tenancy does not depend on it.
 */
public interface TenantDirectory {

    /** Whether requests for the tenant may run now. */
    enum Standing {
        ACTIVE,
        /** Active, and being moved to another shard: it answers reads, and writes wait (503 brand-moving). */
        MOVING,
        PROVISIONING,
        SUSPENDED,
        /** Suspended, and being moved: what is open while suspended answers reads only. */
        SUSPENDED_MOVING,
        QUARANTINED,
        UNKNOWN;

        /** Whether the brand's schema is being moved, so that writes must wait. */
        public boolean moving() {
            return this == MOVING || this == SUSPENDED_MOVING;
        }
    }

    Standing standing(TenantId tenant);

    /**
     * The shard the brand's schema lives on ({@link Shards#DEFAULT} for an unknown brand, whose schema does not exist
     * anywhere). Read outside the caller's transaction, so that asking never enlists the control plane's server.
     */
    String shardOf(TenantId tenant);

    /** The tenant that owns a mini-program appid, for anonymous browsing under {@code /api/shop/{appid}}. */
    Optional<TenantId> tenantOfAppid(String appid);

    /**
     * Brands whose schema background work runs in (active or suspended, migrated, not being moved): jobs such as
     * reservation expiry visit each. A suspended brand's held stock still expires; a brand being moved is visited again
     * once it is on its new server (a job waiting for the move's locks would hold a connection for the whole copy).
     */
    List<TenantId> serving();
}
