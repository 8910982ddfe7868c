package io.mendian.store.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mendian.store.domain.CustomerService;
import io.mendian.store.domain.Fulfilment;
import io.mendian.store.domain.Hours;
import io.mendian.store.domain.StoreStatus;

/**
 * A store as consumers see it: no audit fields, no internal region ids. {@code distanceMeters} and
 * {@code deliversHere} are present in nearby searches.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShopStoreView(
        long id,
        String name,
        StoreStatus status,
        String city,
        String district,
        String address,
        BigDecimal latitude,
        BigDecimal longitude,
        String phone,
        boolean openNow,
        Instant nextOpeningAt,
        Fulfilment fulfilment,
        List<String> images,
        CustomerService customerService,
        Hours hours,
        String timeZone,
        Long distanceMeters,
        Boolean deliversHere) {}
