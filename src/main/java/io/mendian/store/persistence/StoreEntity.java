package io.mendian.store.persistence;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.mendian.store.domain.CustomerService;
import io.mendian.store.domain.Fulfilment;
import io.mendian.store.domain.Hours;
import io.mendian.store.domain.StoreStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A physical store of the brand (plain CRUD; transitions are guarded by {@link StoreStatus}). */
@Entity
@Table(name = "store")
public class StoreEntity extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "store_seq", sequenceName = "store_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "store_seq")
    public Long id;

    public String code;
    public String name;

    @Enumerated(EnumType.STRING)
    public StoreStatus status;

    @Column(name = "region_id")
    public Long regionId;

    public String province;
    public String city;
    public String district;
    public String address;
    public BigDecimal latitude;
    public BigDecimal longitude;
    public String phone;

    @Column(name = "time_zone")
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    public Hours hours;

    @JdbcTypeCode(SqlTypes.JSON)
    public Fulfilment fulfilment;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> images;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "customer_service")
    public CustomerService customerService;

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
