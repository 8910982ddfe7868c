package io.mendian.catalog.persistence;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A product (SPU). Its SKUs carry prices; publication rows say which stores may list it. */
@Entity
@Table(name = "product")
public class ProductEntity extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "product_seq", sequenceName = "product_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_seq")
    public Long id;

    public String code;
    public String name;

    @Column(name = "category_id")
    public Long categoryId;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> images;
    /** ACTIVE or ARCHIVED; archived products disappear from every store. */
    public String status;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Version
    public long version;
}
