package io.mendian.store.api;

import java.math.BigDecimal;

import io.mendian.store.domain.StoreStatus;

/** A store as consumers see it: no audit fields, no internal region ids. */
public record ShopStoreView(long id, String name, StoreStatus status, String city, String district, String address,
        BigDecimal latitude, BigDecimal longitude, String phone) {
}
