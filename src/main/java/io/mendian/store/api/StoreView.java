package io.mendian.store.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import io.mendian.store.domain.CustomerService;
import io.mendian.store.domain.Fulfilment;
import io.mendian.store.domain.Hours;
import io.mendian.store.domain.StoreStatus;

/** A store as HQ and the store console see it. {@code openNow} is computed in the store's own time zone. */
public record StoreView(
        long id,
        String code,
        String name,
        StoreStatus status,
        Long regionId,
        String province,
        String city,
        String district,
        String address,
        BigDecimal latitude,
        BigDecimal longitude,
        String phone,
        String timeZone,
        Hours hours,
        Fulfilment fulfilment,
        List<String> images,
        CustomerService customerService,
        boolean openNow,
        Instant nextOpeningAt,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy,
        long version) {}
