package io.mendian.platform.signup.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One self-service signup and its provisioning progress. Steps live in {@link SignupStepEntity}. */
@Entity
@Table(name = "signup_job")
public class SignupJobEntity extends PanacheEntityBase {

    public enum Status {
        PENDING,
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** Failed and left alone past the hold: its brand's traces were removed and its slug is free again. */
        ABANDONED
    }

    @Id
    public UUID id;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "brand_name")
    public String brandName;

    @Column(name = "admin_email")
    public String adminEmail;

    public String industry;
    public String plan;
    public String appid;

    @Column(name = "app_kind")
    public String appKind;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    public String error;

    @Column(name = "admin_user_id")
    public String adminUserId;

    @Column(name = "admin_user_state")
    public String adminUserState;

    @Column(name = "temporary_secret")
    public String temporarySecret;

    @Column(name = "secret_revealed")
    public boolean secretRevealed;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    public int attempts;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
