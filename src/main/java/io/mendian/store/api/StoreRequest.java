package io.mendian.store.api;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mendian.store.domain.CustomerService;
import io.mendian.store.domain.Fulfilment;
import io.mendian.store.domain.Hours;
import io.mendian.store.domain.StoreStatus;

/** A store as HQ creates or replaces it. Coordinates are GCJ-02 in China and WGS-84 abroad (as WeChat and map SDKs return them). */
public record StoreRequest(
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9_-]{1,40}$", message = "1-40 of A-Z a-z 0-9 _ -")
        String code,

        @NotBlank @Size(max = 100) String name,

        @Schema(description = "Defaults to PREPARING; a CLOSED store cannot be reopened")
        StoreStatus status,

        @Positive Long regionId,
        @Size(max = 40) String province,
        @NotBlank @Size(max = 40) String city,
        @Size(max = 40) String district,
        @NotBlank @Size(max = 300) String address,

        @NotNull @DecimalMin("-90") @DecimalMax("90") @Digits(integer = 2, fraction = 6)
        BigDecimal latitude,

        @NotNull @DecimalMin("-180") @DecimalMax("180") @Digits(integer = 3, fraction = 6)
        BigDecimal longitude,

        @Pattern(regexp = "^[0-9+() -]{3,30}$", message = "digits, spaces, + - ( ), 3-30 characters")
        String phone,

        @Schema(description = "IANA time zone, default Asia/Shanghai") @Size(max = 40)
        String timeZone,

        @Valid Hours hours,
        @Valid Fulfilment fulfilment,

        @Size(max = 10)
        List<@NotBlank @Size(max = 500) @Pattern(regexp = "^https://\\S+$", message = "must be an https URL") String>
                images,

        @Valid CustomerService customerService,

        @Schema(description = "On update: the version you read, for optimistic locking")
        Long version) {}
