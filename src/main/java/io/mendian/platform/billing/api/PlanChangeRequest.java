package io.mendian.platform.billing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Switch to another plan (an id from plans.yaml, such as "pro"). */
public record PlanChangeRequest(@NotBlank @Size(max = 40) String plan) {}
