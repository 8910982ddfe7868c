package io.mendian.platform.registry.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.mendian.platform.registry.BrandStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A brand in the tenant registry (platform schema). */
@Entity
@Table(name = "tenant")
public class TenantEntity extends PanacheEntityBase {

    @Id
    public String id;

    public String name;
    public String industry;
    public String plan;

    @Column(name = "admin_email")
    public String adminEmail;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public BrandStatus status;

    @Column(name = "schema_name")
    public String schemaName;

    public String shard;

    /** Read-only while its schema is copied to another shard (docs/adr/0022). */
    public boolean moving;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "migration_version")
    public String migrationVersion;

    @Column(name = "migration_fingerprint")
    public String migrationFingerprint;

    @Column(name = "migration_error")
    public String migrationError;

    @Column(name = "migrated_at")
    public OffsetDateTime migratedAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
