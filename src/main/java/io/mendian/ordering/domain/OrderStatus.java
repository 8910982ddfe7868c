package io.mendian.ordering.domain;

import java.util.EnumSet;
import java.util.Set;

/** Where an order stands; each status names the ones it may become, and nothing else moves it. */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    ACCEPTED,
    PREPARING,
    READY,
    COMPLETED,
    CANCELLED,
    EXPIRED;

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING_PAYMENT -> EnumSet.of(PAID, CANCELLED, EXPIRED);
            case PAID -> EnumSet.of(ACCEPTED, CANCELLED);
            case ACCEPTED -> EnumSet.of(PREPARING, READY, CANCELLED);
            case PREPARING -> EnumSet.of(READY, CANCELLED);
            case READY -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, EXPIRED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canBecome(OrderStatus next) {
        return next().contains(next);
    }
}
