package io.mendian.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.inventory.app.Reservations;
import io.mendian.inventory.app.StockQueries;

/**
 * What other contexts (ordering, later booking and promotions) may do with stock: hold it for an order, commit the
 * hold when the goods leave, release it when the order ends otherwise, and ask what a store can sell.
 */
@ApplicationScoped
public class InventoryApi {

    /** A quantity of one SKU at one store. */
    public record Line(long storeId, long skuId, long quantity) {}

    /** A hold on stock, identified by its owner's reference (an order number, a transfer). */
    public record Reservation(UUID id, String reference, Instant expiresAt, List<Line> lines) {}

    private final Reservations reservations;
    private final StockQueries queries;
    private final io.mendian.inventory.app.StockLedger ledger;

    public InventoryApi(Reservations reservations, StockQueries queries, io.mendian.inventory.app.StockLedger ledger) {
        this.reservations = reservations;
        this.queries = queries;
        this.ledger = ledger;
    }

    /**
     * Holds every line or none (409 {@code insufficient-stock} naming the SKU, the store and what it has). Joins the
     * caller's transaction, so an order and its hold commit together. The same reference returns the same hold.
     */
    public Reservation reserve(String reference, List<Line> lines, Duration ttl, String actor) {
        return reservations.reserve(reference, lines, ttl, actor);
    }

    /**
     * The same with the hold's id chosen by the caller: write your own rows first (naming this id) and reserve last,
     * so that a hot SKU's row is locked only for the rest of your commit.
     */
    public Reservation reserve(UUID id, String reference, List<Line> lines, Duration ttl, String actor) {
        return reservations.reserve(id, reference, lines, ttl, actor);
    }

    /** The goods left (picked up, delivered, shipped). False when the hold was already committed. */
    public boolean commit(UUID reservation, String actor) {
        return reservations.commit(reservation, actor);
    }

    /** Keeps a hold until the given time (a paid order waiting for fulfilment). False when it is no longer held. */
    public boolean keepUntil(UUID reservation, Instant until) {
        return reservations.keepUntil(reservation, until);
    }

    /** The order ended without the goods leaving. False when the hold was already settled. */
    public boolean release(UUID reservation, String reason, String actor) {
        return reservations.release(reservation, reason, actor);
    }

    /** Goods a customer returned go back on the store's shelf (a RETURNED row in the ledger per SKU). */
    public void restock(List<Line> lines, String reference, String actor) {
        for (Line line : lines) {
            ledger.apply(new io.mendian.inventory.domain.Movement(
                    line.storeId(),
                    line.skuId(),
                    io.mendian.inventory.domain.MovementKind.RETURNED,
                    line.quantity(),
                    0,
                    0,
                    "returned by the customer",
                    reference,
                    actor));
        }
    }

    /** What the store can sell of each SKU (SKUs it never stocked answer 0). */
    public Map<Long, Long> available(long storeId, Collection<Long> skuIds) {
        return queries.available(storeId, skuIds);
    }
}
