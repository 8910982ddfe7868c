package io.mendian.platform.billing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.mendian.platform.billing.persistence.InvoiceEntity;
import io.mendian.platform.billing.persistence.SubscriptionEntity;
import io.mendian.platform.registry.BrandRecords;
import io.mendian.platform.registry.BrandRecords.BrandRecord;
import io.mendian.platform.registry.BrandStatus;
import io.mendian.platform.registry.TenantAdministration;
import io.mendian.web.ProblemException;

/**
 * Moves subscriptions through their lifecycle. Every change locks the subscription row, so HQ, the operator, the
 * invoice run and dunning never interleave on one brand.
 */
@ApplicationScoped
@Transactional
public class SubscriptionLifecycle {

    /** Why a plan change was refused, or what it cost. */
    public record PlanChange(String from, String to, long creditFen, long chargeFen) {}

    private final Plans plans;
    private final Invoicing invoicing;
    private final TenantAdministration tenants;
    private final PlanLimitsFromPlans planLimits;
    private final BrandRecords brands;

    public SubscriptionLifecycle(
            Plans plans,
            Invoicing invoicing,
            TenantAdministration tenants,
            PlanLimitsFromPlans planLimits,
            BrandRecords brands) {
        this.brands = brands;
        this.planLimits = planLimits;
        this.plans = plans;
        this.invoicing = invoicing;
        this.tenants = tenants;
    }

    public static SubscriptionEntity lock(String tenant) {
        SubscriptionEntity subscription = SubscriptionEntity.findById(tenant, LockModeType.PESSIMISTIC_WRITE);
        if (subscription == null) {
            throw ProblemException.notFound("subscription of " + tenant);
        }
        return subscription;
    }

    public static SubscriptionStatus status(SubscriptionEntity subscription) {
        return SubscriptionStatus.valueOf(subscription.status);
    }

    /**
     * Changes plan. In a trial it simply switches. Otherwise the rest of this month is prorated: the unused part of the
     * old plan is credited and the rest of the new plan charged, both on the next invoice. A downgrade must fit: a
     * brand over the new plan's limits is told which limit and by how much. Self-service callers only get
     * self-service plans; the operator may set any plan.
     */
    public PlanChange changePlan(
            String tenant, String planId, Map<String, Long> usage, String actor, boolean operator, Instant now) {
        Plan target = plans.requested(planId);
        if (!operator && !target.selfService()) {
            throw ProblemException.forbidden(
                            "plan-not-self-service",
                            "plan " + target.name() + " is sold by our team; contact sales to switch to it")
                    .with("plan", target.id());
        }
        SubscriptionEntity subscription = lock(tenant);
        Plan current = plans.require(subscription.plan);
        if (current.id().equals(target.id())) {
            throw ProblemException.conflict("same-plan", "the brand is already on plan " + current.name());
        }
        SubscriptionStatus status = status(subscription);
        if (status == SubscriptionStatus.SUSPENDED || status == SubscriptionStatus.CANCELLED) {
            throw ProblemException.conflict(
                    "subscription-not-active",
                    "a " + status + " subscription cannot change plan; "
                            + (status == SubscriptionStatus.SUSPENDED
                                    ? "settle open invoices first"
                                    : "ask the operator to reactivate it"));
        }
        for (Map.Entry<String, Long> used : usage.entrySet()) {
            long allowed = target.limit(used.getKey());
            if (allowed >= 0 && used.getValue() > allowed) {
                throw ProblemException.conflict(
                                "usage-exceeds-plan",
                                "plan " + target.name() + " allows " + allowed + " " + used.getKey()
                                        + "; the brand has " + used.getValue() + ". Reduce " + used.getKey()
                                        + " before switching")
                        .with("limit", used.getKey())
                        .with("allowed", allowed)
                        .with("used", used.getValue());
            }
        }
        long credit = 0;
        long charge = 0;
        BillingPeriod period = BillingPeriod.of(now);
        // Only a month already invoiced at the old price is prorated; otherwise its coming invoice bills the new plan.
        // The credit is the unused part of what was charged, the charge the new plan's price for today's usage.
        var invoiced = status == SubscriptionStatus.TRIAL
                ? Optional.<InvoiceEntity>empty()
                : invoicing.existing(tenant, period);
        if (invoiced.isPresent()) {
            long stores = usage.getOrDefault("stores", 0L);
            credit = invoicing.paidRemainder(invoiced.get(), current.name(), period, now);
            charge = Proration.remainder(target.monthlyFor(stores), period, now);
            SubscriptionEntity.getEntityManager()
                    .createNativeQuery("insert into platform.plan_change (tenant_id, from_plan, to_plan, changed_at, "
                            + "credit_fen, charge_fen, actor) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, tenant)
                    .setParameter(2, current.name())
                    .setParameter(3, target.name())
                    .setParameter(4, now.atOffset(ZoneOffset.UTC))
                    .setParameter(5, credit)
                    .setParameter(6, charge)
                    .setParameter(7, actor)
                    .executeUpdate();
        }
        subscription.plan = target.id();
        touch(subscription, now);
        brands.setPlan(tenant, target.id());
        planLimits.forget(tenant);
        return new PlanChange(current.id(), target.id(), credit, charge);
    }

    /**
     * Starts the brand's trial of a plan at signup; a second call (a retried signup step) changes nothing.
     *
     * @return when the trial ends, or empty when the subscription already existed
     */
    public Optional<OffsetDateTime> startTrial(String tenant, String plan, int days) {
        if (SubscriptionEntity.findById(tenant) != null) {
            return Optional.empty();
        }
        SubscriptionEntity subscription = new SubscriptionEntity();
        subscription.tenantId = tenant;
        subscription.plan = plan;
        subscription.status = SubscriptionStatus.TRIAL.name();
        subscription.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        subscription.updatedAt = subscription.createdAt;
        subscription.trialEndsAt = subscription.createdAt.plusDays(days);
        subscription.persist();
        return Optional.of(subscription.trialEndsAt);
    }

    /** Ends the trial now (HQ wants to start paying, or the trial ran out): the first invoice covers the rest of the month. */
    public void activate(String tenant, Instant now) {
        SubscriptionEntity subscription = lock(tenant);
        if (status(subscription) != SubscriptionStatus.TRIAL) {
            throw ProblemException.conflict(
                    "not-in-trial", "the subscription is " + subscription.status + ", not in trial");
        }
        startPaying(subscription, now);
    }

    /**
     * The operator brings a cancelled brand back: the subscription is active again from now (this month's remainder is
     * invoiced unless the month was already paid) and the brand's cancellation suspension is lifted, data intact.
     */
    public void reactivate(String tenant, String actor, Instant now) {
        SubscriptionEntity subscription = lock(tenant);
        if (status(subscription) != SubscriptionStatus.CANCELLED) {
            throw ProblemException.conflict(
                    "not-cancelled",
                    "only a cancelled subscription can be reactivated; this one is " + subscription.status);
        }
        subscription.cancelledAt = null;
        startPaying(subscription, now);
        BrandRecord brand = brands.find(tenant).orElseThrow();
        if (brand.status() == BrandStatus.SUSPENDED && "subscription cancelled".equals(brand.statusReason())) {
            tenants.resume(tenant, "subscription reactivated", actor);
        }
    }

    /** Called with the row locked: TRIAL (or CANCELLED) to ACTIVE and the first, prorated invoice. */
    void startPaying(SubscriptionEntity subscription, Instant from) {
        BillingPeriod period = BillingPeriod.of(from);
        become(subscription, SubscriptionStatus.ACTIVE);
        subscription.currentPeriodStart = from.atOffset(ZoneOffset.UTC);
        subscription.currentPeriodEnd = period.end().atOffset(ZoneOffset.UTC);
        touch(subscription, from);
        invoicing.issue(subscription, period, from, from);
    }

    /** A trial ends at once; a paid subscription runs to the end of the month it has paid for. */
    public SubscriptionStatus cancel(String tenant, String actor, Instant now) {
        SubscriptionEntity subscription = lock(tenant);
        SubscriptionStatus status = status(subscription);
        if (status == SubscriptionStatus.CANCELLED) {
            throw ProblemException.conflict("already-cancelled", "the subscription is already cancelled");
        }
        if (status == SubscriptionStatus.TRIAL) {
            end(subscription, actor, now);
        } else {
            subscription.cancelAtPeriodEnd = true;
            touch(subscription, now);
        }
        return status(subscription);
    }

    public void keep(String tenant, Instant now) {
        SubscriptionEntity subscription = lock(tenant);
        if (!subscription.cancelAtPeriodEnd) {
            throw ProblemException.conflict("not-cancelling", "the subscription is not set to cancel");
        }
        subscription.cancelAtPeriodEnd = false;
        touch(subscription, now);
    }

    /** With the row locked: the subscription ends and the brand is suspended, its data kept for reactivation. */
    void end(SubscriptionEntity subscription, String actor, Instant now) {
        become(subscription, SubscriptionStatus.CANCELLED);
        subscription.cancelledAt = now.atOffset(ZoneOffset.UTC);
        subscription.cancelAtPeriodEnd = false;
        touch(subscription, now);
        suspendBrand(subscription.tenantId, "subscription cancelled", actor);
    }

    /** With the row locked: an unpaid invoice passed its due date. */
    void markPastDue(SubscriptionEntity subscription, Instant now) {
        if (status(subscription) == SubscriptionStatus.ACTIVE) {
            become(subscription, SubscriptionStatus.PAST_DUE);
            subscription.pastDueSince = now.atOffset(ZoneOffset.UTC);
            touch(subscription, now);
        }
    }

    /** With the row locked: the grace period ran out. Staff and consumers get 403 tenant-suspended; data is kept. */
    void suspendForNonPayment(SubscriptionEntity subscription, String invoice, Instant now) {
        SubscriptionStatus status = status(subscription);
        if (status == SubscriptionStatus.PAST_DUE || status == SubscriptionStatus.ACTIVE) {
            become(subscription, SubscriptionStatus.SUSPENDED);
            subscription.suspendedAt = now.atOffset(ZoneOffset.UTC);
            touch(subscription, now);
            suspendBrand(subscription.tenantId, "billing: invoice " + invoice + " unpaid", "billing");
        }
    }

    /** With the row locked: everything overdue is paid, so the subscription is active again and a billing suspension lifted. */
    void settled(SubscriptionEntity subscription, Instant now) {
        SubscriptionStatus status = status(subscription);
        if (status != SubscriptionStatus.PAST_DUE && status != SubscriptionStatus.SUSPENDED) {
            return;
        }
        become(subscription, SubscriptionStatus.ACTIVE);
        subscription.pastDueSince = null;
        subscription.suspendedAt = null;
        touch(subscription, now);
        if (status == SubscriptionStatus.SUSPENDED) {
            BrandRecord brand = brands.find(subscription.tenantId).orElseThrow();
            if (brand.status() == BrandStatus.SUSPENDED
                    && brand.statusReason() != null
                    && brand.statusReason().startsWith("billing:")) {
                tenants.resume(subscription.tenantId, "billing: invoices settled", "billing");
            }
        }
    }

    private void suspendBrand(String tenant, String reason, String actor) {
        if (brands.find(tenant).orElseThrow().status() == BrandStatus.ACTIVE) {
            tenants.suspend(tenant, reason, actor);
        }
    }

    /** Every status change goes through the lifecycle's allowed transitions; anything else is a bug, not bad input. */
    private static void become(SubscriptionEntity subscription, SubscriptionStatus next) {
        SubscriptionStatus current = status(subscription);
        if (!current.canBecome(next)) {
            throw new IllegalStateException(
                    "subscription of " + subscription.tenantId + " cannot go from " + current + " to " + next);
        }
        subscription.status = next.name();
    }

    private static void touch(SubscriptionEntity subscription, Instant now) {
        subscription.updatedAt = now.atOffset(ZoneOffset.UTC);
    }
}
