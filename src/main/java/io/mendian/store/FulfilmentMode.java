package io.mendian.store;

/** How an order reaches the customer. */
public enum FulfilmentMode {
    /** The customer collects it at the store, at a chosen time inside opening hours. */
    PICKUP,
    /** The store delivers inside its radius, for its fee. */
    DELIVERY,
    /** Shipped by courier to an address. */
    EXPRESS
}
