package io.mendian.store.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.mendian.store.domain.StoreStatus;

/** A store as HQ and the store console see it. */
public record StoreView(long id, String code, String name, StoreStatus status, Long regionId, String province, String city,
        String district, String address, BigDecimal latitude, BigDecimal longitude, String phone, String timeZone,
        OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt, String updatedBy, long version) {
}
