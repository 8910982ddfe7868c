package io.mendian.inventory.domain;

/** Why stock moved; every ledger row has one. */
public enum MovementKind {
    /** Goods received from a supplier or HQ's warehouse. */
    STOCK_IN,
    /** Goods a customer brought back (an approved return), sellable again. */
    RETURNED,
    /** Goods lost, damaged or expired. */
    LOSS,
    /** A stocktake set on_hand to what was counted. */
    STOCKTAKE,
    /** Held for an order or an approved transfer until it is committed or released. */
    RESERVE,
    /** A hold ended without the goods leaving (expired, cancelled). */
    RELEASE,
    /** A hold became a sale or a shipment: the goods left. */
    COMMIT,
    /** Goods on their way to this store from another. */
    TRANSFER_IN_TRANSIT,
    /** Goods of a transfer arrived (the in-transit quantity ends; what arrived is on hand). */
    TRANSFER_RECEIVED
}
