package io.mendian.inventory.domain;

/** What a loss report may give as its reason. */
public enum LossReason {
    DAMAGED,
    EXPIRED,
    LOST,
    THEFT,
    OTHER
}
