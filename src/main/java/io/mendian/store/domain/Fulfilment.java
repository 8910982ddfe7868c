package io.mendian.store.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How a store hands orders over: self-pickup, same-city delivery inside a radius for a fee, and express shipping.
 * Money is in fen (CNY minor units).
 */
public record Fulfilment(boolean pickup, @Valid Delivery delivery, boolean express) {

    public record Delivery(
            boolean enabled,
            @Min(0) @Max(50_000) int radiusMeters,
            @Min(0) @Max(100_000) long feeFen,
            @Min(0) @Max(10_000_000) long minimumOrderFen) {}

    public static Fulfilment pickupOnly() {
        return new Fulfilment(true, new Delivery(false, 0, 0, 0), false);
    }

    public boolean delivers() {
        return delivery != null && delivery.enabled() && delivery.radiusMeters() > 0;
    }
}
