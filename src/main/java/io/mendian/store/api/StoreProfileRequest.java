package io.mendian.store.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mendian.store.domain.CustomerService;
import io.mendian.store.domain.Fulfilment;
import io.mendian.store.domain.Hours;

/** The fields a store's own staff may edit. Code, name, address, coordinates, status and region belong to HQ. */
public record StoreProfileRequest(
        @Pattern(regexp = "^[0-9+() -]{3,30}$", message = "digits, spaces, + - ( ), 3-30 characters")
        String phone,

        @Valid Hours hours,
        @Valid Fulfilment fulfilment,

        @Size(max = 10)
        List<@NotBlank @Size(max = 500) @Pattern(regexp = "^https://\\S+$", message = "must be an https URL") String>
                images,

        @Valid CustomerService customerService,

        @Schema(description = "The version you read, for optimistic locking")
        Long version) {}
