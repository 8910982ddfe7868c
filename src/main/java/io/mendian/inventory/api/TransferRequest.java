package io.mendian.inventory.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The store in the path asks another store for goods. */
public record TransferRequest(
        @NotNull @Positive Long fromStoreId,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull LineRequest> lines,
        @Size(max = 500) String note) {}
