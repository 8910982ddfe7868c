package io.mendian.platform.billing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A payment the operator received for an invoice (bank transfer, WeChat Pay merchant transfer...), in fen. */
public record PaymentRequest(
        @NotNull @Positive Long amountFen,
        @NotBlank @Size(max = 30) String method,
        @Size(max = 100) String reference) {}
