package io.mendian.platform.billing.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A brand's plan and where it is in the subscription lifecycle . */
@Entity
@Table(name = "subscription")
public class SubscriptionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    public String plan;
    public String status;

    @Column(name = "trial_ends_at")
    public OffsetDateTime trialEndsAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "current_period_start")
    public OffsetDateTime currentPeriodStart;

    @Column(name = "current_period_end")
    public OffsetDateTime currentPeriodEnd;

    @Column(name = "cancel_at_period_end")
    public boolean cancelAtPeriodEnd;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Column(name = "past_due_since")
    public OffsetDateTime pastDueSince;

    @Column(name = "suspended_at")
    public OffsetDateTime suspendedAt;
    /** Money the brand is owed (a downgrade's proration), taken off its next invoices. */
    @Column(name = "credit_fen")
    public long creditFen;

    @Version
    public long version;
}
