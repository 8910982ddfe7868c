package io.mendian.catalog.persistence;

import java.io.Serializable;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One store's decision about one SKU: listed or not, and its own price inside the band (null = base price). */
@Entity
@Table(name = "store_listing")
@IdClass(StoreListingEntity.Key.class)
public class StoreListingEntity extends PanacheEntityBase {

    public record Key(Long storeId, Long skuId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "store_id")
    public Long storeId;

    @Id
    @Column(name = "sku_id")
    public Long skuId;

    public boolean listed;

    @Column(name = "price_fen")
    public Long priceFen;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Version
    public long version;
}
