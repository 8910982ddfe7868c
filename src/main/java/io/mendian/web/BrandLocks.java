package io.mendian.web;

import jakarta.persistence.EntityManager;

/**
 * Transaction-scoped PostgreSQL advisory locks named within the current brand's schema: two requests that must not
 * interleave (one member's bookings, say) queue on the name, while other brands' requests with the same name do not.
 */
public final class BrandLocks {

    private BrandLocks() {}

    /** Waits for the lock named {@code name} in this brand; it is released when the transaction ends. */
    public static void hold(EntityManager em, String name) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(current_schema() || ?1, 0))")
                .setParameter(1, ":" + name)
                .getSingleResult();
    }
}
