package io.mendian.store.api;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mendian.store.domain.StoreStatus;

/**
 * One nearest-store result: what a store picker shows, kept small because it is the hottest consumer read. The
 * full profile (hours, images, customer service) is at {@code /api/shop/{appid}/stores/{storeId}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NearbyStoreView(
        long id,
        String name,
        StoreStatus status,
        String city,
        String district,
        String address,
        BigDecimal latitude,
        BigDecimal longitude,
        String phone,
        long distanceMeters,
        boolean openNow,
        Instant nextOpeningAt,
        boolean pickup,
        boolean express,
        boolean deliversHere,
        Long deliveryFeeFen,
        String image) {}
