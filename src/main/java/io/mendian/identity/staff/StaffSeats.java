package io.mendian.identity.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.identity.StaffAccounts;
import io.mendian.tenancy.PlanLimits;
import io.mendian.tenancy.TenantId;

/**
 * The plan's staff limit, held under concurrency like the store and SKU limits: a transaction-scoped advisory lock per
 * brand makes count-then-add atomic, so two invitations (or acceptances) cannot both take the last seat. Keycloak
 * applies a membership at once, so the next holder of the lock counts it.
 *
 * <p>The lock is taken on the brand's own server, in the brand's unit of work: an invitation by HQ runs there, and
 * an acceptance enters the brand's unit for this step (docs/adr/0022: one transaction never spans two servers).
 */
@ApplicationScoped
class StaffSeats {

    private final EntityManager em;
    private final StaffAccounts accounts;
    private final PlanLimits limits;

    StaffSeats(EntityManager em, StaffAccounts accounts, PlanLimits limits) {
        this.em = em;
        this.accounts = accounts;
        this.limits = limits;
    }

    /**
     * Must run inside the brand's transaction that adds the member; throws the plan's 403 when no seat is left.
     */
    void requireSeat(TenantId tenant, String organizationId, boolean alreadyMember) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "staff-limit:" + tenant.value())
                .getSingleResult();
        limits.require(tenant, PlanLimits.Limit.STAFF, accounts.memberCount(organizationId) + (alreadyMember ? 0 : 1));
    }
}
