package io.mendian.inventory.domain;

/**
 * A change to one stock row, as the ledger records it. Deltas may be negative; the ledger refuses a movement that
 * would leave anything negative or reserve more than is on hand.
 */
public record Movement(
        long storeId,
        long skuId,
        MovementKind kind,
        long onHandDelta,
        long reservedDelta,
        long inTransitDelta,
        String reason,
        String reference,
        String actor) {

    public Movement {
        if (kind == null || actor == null) {
            throw new IllegalArgumentException("a movement needs a kind and an actor");
        }
        if (onHandDelta == 0 && reservedDelta == 0 && inTransitDelta == 0) {
            throw new IllegalArgumentException("a movement moves something");
        }
    }

    /** Whether the movement can only add (so a missing stock row may be created for it). */
    public boolean onlyAdds() {
        return onHandDelta >= 0 && reservedDelta >= 0 && inTransitDelta >= 0 && reservedDelta <= onHandDelta;
    }

    /** Whether what can be sold grows (an open low-stock alert may clear). */
    public boolean raisesAvailable() {
        return onHandDelta - reservedDelta > 0;
    }
}
