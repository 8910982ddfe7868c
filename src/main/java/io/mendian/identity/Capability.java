package io.mendian.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an endpoint needs, named after the action. Resources declare one with {@link Requires}; the roles that
 * hold it, and whether a scoped grant is enough, are listed here and nowhere else.
 *
 * <p>A {@link Reach#BRAND_WIDE} capability concerns the brand as a whole (its plan, its region tree, its catalogue,
 * its mini-program): only a grant with scope {@code all} carries it, so that an {@code hq_admin} scoped to one
 * region cannot change the brand's plan or widen its own scope by moving regions.
 */
public enum Capability {
    /** Create, edit, close stores; change their status or region. */
    STORE_MANAGE(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN)),
    /** Read stores (filtered by the caller's scope). */
    STORE_READ(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER)),
    /** The store console: read the store the path names, when it is in the caller's scope. */
    STORE_CONSOLE(Reach.SCOPED, EnumSet.allOf(Role.class)),
    /** The store console: edit the profile fields (hours, phone, images, fulfilment) of a store in scope. */
    STORE_PROFILE_EDIT(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** Create and edit categories, products, SKUs, price bands and publication. */
    CATALOG_MANAGE(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** Read the catalogue. */
    CATALOG_READ(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER)),
    /** The store console: list or delist SKUs and set the store's price inside the band, for a store in scope. */
    STORE_CATALOG_EDIT(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** See the brand's staff and the audit log of staff changes (filtered to the caller's scope). */
    STAFF_READ(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** Invite staff, change or revoke their roles, disable accounts: never above the caller's role or outside their scope. */
    STAFF_MANAGE(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** The audit log of staff and role changes across the brand. */
    STAFF_AUDIT(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** See the brand's plan, subscription and usage. */
    BILLING_READ(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** Change plan, end the trial early, cancel or resume the subscription. */
    BILLING_MANAGE(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN)),
    /** See the brand's mini-program: authorization, deployment and audit status. */
    MINIAPP_READ(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** Authorize the brand's mini-program to the platform, deploy and resubmit it. */
    MINIAPP_MANAGE(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN)),
    /** The store console: the order queue and orders of a store in scope. */
    ORDER_READ(Reach.SCOPED, EnumSet.allOf(Role.class)),
    /** The store console: accept, prepare, mark ready, hand over (pickup code) and complete orders of a store in scope. */
    ORDER_WORK(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER, Role.STORE_CLERK)),
    /** HQ's order centre and its exports, over the stores in scope. */
    ORDER_OVERVIEW(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER)),
    /** Approve or reject after-sales requests (refunds, returns) on the orders of a store in scope. */
    AFTER_SALES_DECIDE(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** Turn order ahead on or off for the brand and set its preparation estimate (C12). Audited. */
    ORDER_AHEAD_MANAGE(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** HQ intervenes in an order of a store in scope: cancels it with a refund, or refunds part of it. Audited. */
    ORDER_INTERVENE(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER)),
    /** See the brand's WeChat Pay sub-merchant account and its applyment. */
    PAYMENT_READ(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** Submit the brand's WeChat Pay sub-merchant applyment (business and bank details). */
    PAYMENT_MANAGE(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN)),
    /** See members' points and the points rule. */
    MEMBER_READ(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** Set the points rule and adjust a member's points (audited in the ledger with the actor and reason). */
    MEMBER_MANAGE(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN)),
    /** See the brand's coupons, campaigns, stacking matrix and store proposals. */
    MARKETING_READ(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** Create and end HQ coupons, distribute them, set the stacking matrix, decide store proposals. Audited. */
    MARKETING_MANAGE(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** The store console: see the coupons honoured at a store in scope and propose the store's own. */
    STORE_MARKETING(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** The store console's member service: scan a member's code, see their points and redeem their coupons here. */
    MEMBER_SERVICE(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER, Role.STORE_CLERK)),
    /** The store console: add or take a scanned member's points by hand (audited in the ledger with the store). */
    MEMBER_ADJUST(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** Create and edit the region tree. */
    REGION_MANAGE(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN)),
    /** Read the region tree. */
    REGION_READ(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER)),
    /** The store console: read the stock, ledger, alerts, stocktakes and transfers of a store in scope. */
    STOCK_READ(Reach.SCOPED, EnumSet.allOf(Role.class)),
    /** HQ's stock lists across the stores in scope (levels, ledger, alerts, transfers). */
    STOCK_OVERVIEW(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER)),
    /** Stock work at a store in scope: goods in, losses, counting, requesting, shipping and receiving transfers. */
    STOCK_WORK(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER, Role.STORE_CLERK)),
    /**
     * Stock decisions at a store in scope: apply or cancel a stocktake, set low-stock thresholds, approve or reject
     * a transfer out of the store.
     */
    STOCK_CONTROL(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER)),
    /** See the brand's service items and booking policy. */
    BOOKING_READ(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF, Role.REGION_MANAGER)),
    /** Create and edit service items and the booking policy (cut-off, fee, hold, horizon). Audited. */
    BOOKING_MANAGE(Reach.BRAND_WIDE, EnumSet.of(Role.HQ_ADMIN, Role.HQ_STAFF)),
    /** The store console: the day board, the people who perform items, their shifts and open starts. */
    BOOKING_BOARD(Reach.SCOPED, EnumSet.allOf(Role.class)),
    /** The store console: book walk-ins, check in by code, mark no-shows, complete and cancel appointments. */
    BOOKING_DESK(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER, Role.STORE_CLERK)),
    /** The people who perform items at a store in scope: add them, their items, shifts and days off. Audited. */
    BOOKING_SCHEDULE(Reach.SCOPED, EnumSet.of(Role.HQ_ADMIN, Role.REGION_MANAGER, Role.STORE_MANAGER));

    /** Whether a grant scoped to a region or a store is enough, or the grant must cover the whole brand. */
    public enum Reach {
        SCOPED,
        BRAND_WIDE
    }

    private final Reach reach;
    private final Set<Role> roles;

    Capability(Reach reach, Set<Role> roles) {
        this.reach = reach;
        this.roles = roles;
    }

    /** Whether this role carries the capability at all (scope aside). */
    public boolean heldBy(Role role) {
        return roles.contains(role);
    }

    /** Whether this one grant carries the capability: the right role and, for brand-wide ones, scope {@code all}. */
    public boolean carriedBy(Grant grant) {
        return heldBy(grant.role()) && (reach == Reach.SCOPED || grant.scope() instanceof Scope.All);
    }

    public boolean brandWide() {
        return reach == Reach.BRAND_WIDE;
    }
}
