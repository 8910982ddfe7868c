package io.mendian.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an endpoint needs, named after the action. Resources declare one with {@link Requires}; the roles that
 * hold it are listed here and nowhere else.
 */
public enum Capability {
    /** Create, edit, close stores; change their status or region. */
    STORE_MANAGE(EnumSet.of(Role.HQ_ADMIN)),
    /** Read stores (filtered by the caller's scope). */
    STORE_READ(EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER)),
    /** The store console: read the store the path names, when it is in the caller's scope. */
    STORE_CONSOLE(EnumSet.allOf(Role.class)),
    /** The store console: edit the profile fields (hours, phone, images, fulfilment) of a store in scope. */
    STORE_PROFILE_EDIT(EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** Create and edit categories, products, SKUs, price bands and publication. */
    CATALOG_MANAGE(EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** Read the catalogue. */
    CATALOG_READ(EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER)),
    /** The store console: list or delist SKUs and set the store's price inside the band, for a store in scope. */
    STORE_CATALOG_EDIT(EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** See the brand's staff and the audit log of staff changes (filtered to the caller's scope). */
    STAFF_READ(EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** Invite staff, change or revoke their roles, disable accounts: never above the caller's role or outside their scope. */
    STAFF_MANAGE(EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** See the brand's plan, subscription and usage. */
    BILLING_READ(EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** Change plan, end the trial early, cancel or resume the subscription. */
    BILLING_MANAGE(EnumSet.of(Role.HQ_ADMIN)),
    /** See the brand's mini-program: authorization, deployment and audit status. */
    MINIAPP_READ(EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** Authorize the brand's mini-program to the platform, deploy and resubmit it. */
    MINIAPP_MANAGE(EnumSet.of(Role.HQ_ADMIN)),
    /** Create and edit the region tree. */
    REGION_MANAGE(EnumSet.of(Role.HQ_ADMIN)),
    /** Read the region tree. */
    REGION_READ(EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER));

    private final Set<Role> roles;

    Capability(Set<Role> roles) {
        this.roles = roles;
    }

    public boolean heldBy(Role role) {
        return roles.contains(role);
    }
}
