package io.mendian.platform.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A brand's plan and where it is in the subscription lifecycle (billing proper comes with P3). */
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
}
