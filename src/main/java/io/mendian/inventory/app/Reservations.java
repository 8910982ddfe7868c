package io.mendian.inventory.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.inventory.InventoryApi.Line;
import io.mendian.inventory.InventoryApi.Reservation;
import io.mendian.inventory.domain.Movement;
import io.mendian.inventory.domain.MovementKind;
import io.mendian.operations.BusinessMetrics;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * Holds stock for an order or a transfer until it is committed (the goods leave) or released (expired or
 * cancelled). A reservation is settled exactly once: its status moves from HELD in one conditional update, and only
 * the caller whose update matched moves the stock, so a release racing a commit, or two instances expiring the same
 * reservation, move stock once.
 */
@ApplicationScoped
@Transactional
public class Reservations {

    static final long MAX_QUANTITY = 1_000_000;
    private static final Comparator<Line> LOCK_ORDER =
            Comparator.comparingLong(Line::storeId).thenComparingLong(Line::skuId);

    private final EntityManager em;
    private final StockLedger ledger;
    private final BusinessMetrics metrics;

    public Reservations(EntityManager em, StockLedger ledger, BusinessMetrics metrics) {
        this.em = em;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /**
     * Reserves every line or none. The same reference again returns the reservation it already made (a retried
     * checkout), so a client retry never holds stock twice.
     */
    public Reservation reserve(String reference, List<Line> requested, Duration ttl, String actor) {
        return reserve(UUID.randomUUID(), reference, requested, ttl, actor);
    }

    /**
     * Like {@link #reserve(String, List, Duration, String)} with the hold's id chosen by the caller, so that it can
     * write its own rows first and reserve last: the stock rows stay locked for as short a time as possible.
     */
    public Reservation reserve(UUID id, String reference, List<Line> requested, Duration ttl, String actor) {
        List<Line> lines = merged(requested);
        Instant expiresAt = Instant.now().plus(ttl);
        int inserted = em.createNativeQuery(
                        "insert into stock_reservation (id, reference, status, expires_at, "
                                + "created_at, actor) values (?1, ?2, 'HELD', ?3, now(), ?4) on conflict (reference) do nothing")
                .setParameter(1, id)
                .setParameter(2, reference)
                .setParameter(3, expiresAt.atOffset(java.time.ZoneOffset.UTC))
                .setParameter(4, actor)
                .executeUpdate();
        if (inserted == 0) {
            Reservation existing = byReference(reference).orElseThrow();
            if ("RELEASED".equals(status(existing.id()))) {
                throw ProblemException.conflict(
                        "reservation-released", "the reservation for " + reference + " was already released");
            }
            return existing;
        }
        for (Line line : lines) {
            var level = ledger.apply(new Movement(
                    line.storeId(), line.skuId(), MovementKind.RESERVE, 0, line.quantity(), 0, null, reference, actor));
            if (level.isEmpty()) {
                metrics.countNow("mendian.reservations", "outcome", "insufficient");
                long available = ledger.level(line.storeId(), line.skuId()).available();
                throw ProblemException.conflict(
                                "insufficient-stock",
                                "store " + line.storeId() + " has " + available + " of SKU " + line.skuId() + ", "
                                        + line.quantity() + " requested")
                        .with("storeId", line.storeId())
                        .with("skuId", line.skuId())
                        .with("available", available)
                        .with("requested", line.quantity());
            }
            em.createNativeQuery("insert into stock_reservation_line (reservation_id, store_id, sku_id, quantity) "
                            + "values (?1, ?2, ?3, ?4)")
                    .setParameter(1, id)
                    .setParameter(2, line.storeId())
                    .setParameter(3, line.skuId())
                    .setParameter(4, line.quantity())
                    .executeUpdate();
        }
        metrics.count("mendian.reservations", "outcome", "held");
        return new Reservation(id, reference, expiresAt, lines);
    }

    /** The goods leave: on_hand and reserved both drop. False when it was already committed. */
    public boolean commit(UUID id, String actor) {
        if (!settle(id, "COMMITTED")) {
            String status = status(id);
            if ("COMMITTED".equals(status)) {
                return false;
            }
            throw ProblemException.conflict(
                    "reservation-not-held", "reservation " + id + " is " + (status == null ? "unknown" : status));
        }
        move(id, MovementKind.COMMIT, actor, null);
        metrics.count("mendian.reservations", "outcome", "committed");
        return true;
    }

    /**
     * Moves a held reservation's expiry (an order was paid: its goods wait for fulfilment, not for the payment
     * deadline). False when it is no longer held.
     */
    public boolean keepUntil(UUID id, java.time.Instant until) {
        return em.createNativeQuery("update stock_reservation set expires_at = ?2 where id = ?1 and status = 'HELD'")
                        .setParameter(1, id)
                        .setParameter(2, until.atOffset(java.time.ZoneOffset.UTC))
                        .executeUpdate()
                == 1;
    }

    /** The hold ends and the stock is sellable again. False when it was already settled (released or committed). */
    public boolean release(UUID id, String reason, String actor) {
        if (!settle(id, "RELEASED")) {
            return false;
        }
        move(id, MovementKind.RELEASE, actor, reason);
        metrics.count("mendian.reservations", "outcome", "expired".equals(reason) ? "expired" : "released");
        return true;
    }

    /**
     * Releases a batch of reservations past their expiry. {@code SKIP LOCKED} lets two instances (or a commit in
     * flight) work side by side without waiting on each other; the status guard in {@link #release} settles each
     * once.
     *
     * @return how many were released
     */
    public int expireDue(int batch) {
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("select id from stock_reservation where status = 'HELD' and "
                        + "expires_at <= now() order by expires_at limit ?1 for update skip locked")
                .setParameter(1, batch)
                .getResultList();
        int released = 0;
        for (UUID id : due) {
            if (release(id, "expired", "system:expiry")) {
                released++;
            }
        }
        return released;
    }

    public Optional<Reservation> byReference(String reference) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, expires_at from stock_reservation where reference = ?1")
                .setParameter(1, reference)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        UUID id = (UUID) rows.get(0)[0];
        return Optional.of(
                new Reservation(id, reference, Rows.offset(rows.get(0)[1]).toInstant(), lines(id)));
    }

    public String status(UUID id) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select status from stock_reservation where id = ?1")
                .setParameter(1, id)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private boolean settle(UUID id, String to) {
        return em.createNativeQuery("update stock_reservation set status = ?1, settled_at = now() where id = ?2 "
                                + "and status = 'HELD'")
                        .setParameter(1, to)
                        .setParameter(2, id)
                        .executeUpdate()
                == 1;
    }

    private void move(UUID id, MovementKind kind, String actor, String reason) {
        String reference = em.createNativeQuery("select reference from stock_reservation where id = ?1")
                .setParameter(1, id)
                .getSingleResult()
                .toString();
        for (Line line : lines(id)) {
            long q = line.quantity();
            Movement movement = kind == MovementKind.COMMIT
                    ? new Movement(line.storeId(), line.skuId(), kind, -q, -q, 0, reason, reference, actor)
                    : new Movement(line.storeId(), line.skuId(), kind, 0, -q, 0, reason, reference, actor);
            if (ledger.apply(movement).isEmpty()) {
                // The check constraints make this unreachable unless a reservation's stock was taken by hand.
                throw new IllegalStateException("reservation " + id + " holds more than store " + line.storeId()
                        + " has reserved of SKU " + line.skuId());
            }
        }
    }

    private List<Line> lines(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select store_id, sku_id, quantity from stock_reservation_line "
                        + "where reservation_id = ?1 order by store_id, sku_id")
                .setParameter(1, id)
                .getResultList();
        return rows.stream()
                .map(r ->
                        new Line(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()))
                .toList();
    }

    /** One line per (store, SKU), in lock order, so that two reservations never wait on each other in a circle. */
    static List<Line> merged(List<Line> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ProblemException.unprocessable("no-lines", "a reservation needs at least one line");
        }
        Map<String, Line> byKey = new LinkedHashMap<>();
        for (Line line : requested) {
            if (line.quantity() <= 0 || line.quantity() > MAX_QUANTITY) {
                throw ProblemException.unprocessable(
                        "invalid-quantity", "a quantity is between 1 and " + MAX_QUANTITY + "; got " + line.quantity());
            }
            byKey.merge(
                    line.storeId() + ":" + line.skuId(),
                    line,
                    (a, b) -> new Line(a.storeId(), a.skuId(), Math.addExact(a.quantity(), b.quantity())));
        }
        List<Line> lines = new ArrayList<>(byKey.values());
        lines.sort(LOCK_ORDER);
        return lines;
    }
}
