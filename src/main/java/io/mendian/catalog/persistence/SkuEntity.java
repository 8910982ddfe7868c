package io.mendian.catalog.persistence;

import java.time.OffsetDateTime;
import java.util.Map;

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

import io.mendian.catalog.domain.PriceBand;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A sellable variant with HQ's base price and price band, in fen. */
@Entity
@Table(name = "sku")
public class SkuEntity extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "sku_seq", sequenceName = "sku_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sku_seq")
    public Long id;

    @Column(name = "product_id")
    public Long productId;

    public String code;
    public String barcode;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> specs;

    @Column(name = "base_price_fen")
    public long basePriceFen;

    @Column(name = "min_price_fen")
    public long minPriceFen;

    @Column(name = "max_price_fen")
    public long maxPriceFen;

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

    public PriceBand band() {
        return new PriceBand(minPriceFen, basePriceFen, maxPriceFen);
    }
}
