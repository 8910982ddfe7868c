package io.mendian.platform.billing.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One brand's invoice for one month; (tenant, period) is unique, which is what makes the invoice run idempotent. */
@Entity
@Table(name = "invoice")
public class InvoiceEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String number;

    @Column(name = "tenant_id")
    public String tenantId;

    public String period;
    public String plan;
    public String status;
    public String currency;

    @Column(name = "total_fen")
    public long totalFen;

    @Column(name = "paid_fen")
    public long paidFen;

    @Column(name = "issued_at")
    public OffsetDateTime issuedAt;

    @Column(name = "due_at")
    public OffsetDateTime dueAt;

    @Column(name = "paid_at")
    public OffsetDateTime paidAt;

    /** Where the subscription lines of this invoice start (a first invoice starts mid-month); null means the period start. */
    @Column(name = "covered_from")
    public OffsetDateTime coveredFrom;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
