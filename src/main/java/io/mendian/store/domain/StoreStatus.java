package io.mendian.store.domain;

/** Where a store is in its life: preparing to open, trading, temporarily paused, or closed for good. */
public enum StoreStatus {
    PREPARING,
    OPEN,
    PAUSED,
    CLOSED;

    /** A closed store stays closed: reopening a site is a new store with its own history. */
    public boolean canBecome(StoreStatus next) {
        return this != CLOSED || next == CLOSED;
    }
}
