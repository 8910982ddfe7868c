package io.mendian.inventory.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.inventory.InventoryApi.Line;
import io.mendian.inventory.api.ReceiveRequest;
import io.mendian.inventory.api.TransferRequest;
import io.mendian.inventory.api.TransferView;
import io.mendian.inventory.domain.Movement;
import io.mendian.inventory.domain.MovementKind;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;

/**
 * Transfers between stores (H5, S4). The receiving store requests; the sending store approves, which reserves the
 * goods there so they are not sold meanwhile, then ships them (the reservation is committed and the goods are in
 * transit at the receiver), and the receiver records what arrived. Each step is allowed only to the store whose turn
 * it is: the store in the path must be the right end of the transfer, otherwise the transfer does not exist for it.
 */
@ApplicationScoped
@Transactional
public class Transfers {

    private final EntityManager em;
    private final StockLedger ledger;
    private final Reservations reservations;
    private final StockWork work;
    private final StoreApi stores;
    private final TransferViews views;
    private final Duration hold;

    public Transfers(
            EntityManager em,
            StockLedger ledger,
            Reservations reservations,
            StockWork work,
            StoreApi stores,
            TransferViews views,
            @ConfigProperty(name = "mendian.inventory.transfer-hold", defaultValue = "P14D") Duration hold) {
        this.em = em;
        this.ledger = ledger;
        this.reservations = reservations;
        this.work = work;
        this.stores = stores;
        this.views = views;
        this.hold = hold;
    }

    public TransferView request(long toStoreId, TransferRequest request, String actor) {
        if (request.fromStoreId() == toStoreId) {
            throw ProblemException.unprocessable("same-store", "a store cannot transfer goods to itself");
        }
        if (!stores.exists(request.fromStoreId())) {
            throw ProblemException.unprocessable(
                    "unknown-store", "no store " + request.fromStoreId() + " in this brand");
        }
        Map<Long, Long> lines = work.lines(request.lines());
        long id = ((Number) em.createNativeQuery(
                                "insert into stock_transfer (from_store_id, to_store_id, status, note, "
                                        + "requested_by, requested_at) values (?1, ?2, 'REQUESTED', ?3, ?4, now()) returning id")
                        .setParameter(1, request.fromStoreId())
                        .setParameter(2, toStoreId)
                        .setParameter(3, request.note())
                        .setParameter(4, actor)
                        .getSingleResult())
                .longValue();
        lines.forEach((sku, quantity) -> em.createNativeQuery(
                        "insert into stock_transfer_line (transfer_id, sku_id, quantity) values (?1, ?2, ?3)")
                .setParameter(1, id)
                .setParameter(2, sku)
                .setParameter(3, quantity)
                .executeUpdate());
        return views.get(toStoreId, id);
    }

    /** The sending store agrees and holds the goods (409 insufficient-stock when it cannot). */
    public TransferView approve(long storeId, long id, String actor) {
        Row t = lock(storeId, id, End.FROM, "REQUESTED");
        List<Line> lines = new ArrayList<>();
        lines(id).forEach((sku, quantity) -> lines.add(new Line(t.from, sku, quantity)));
        UUID reservation =
                reservations.reserve("transfer:" + id, lines, hold, actor).id();
        em.createNativeQuery("update stock_transfer set status = 'APPROVED', reservation_id = ?1, decided_by = ?2, "
                        + "decided_at = now(), version = version + 1 where id = ?3")
                .setParameter(1, reservation)
                .setParameter(2, actor)
                .setParameter(3, id)
                .executeUpdate();
        return views.get(storeId, id);
    }

    public TransferView reject(long storeId, long id, String actor) {
        lock(storeId, id, End.FROM, "REQUESTED");
        status(id, "REJECTED", "decided", actor);
        return views.get(storeId, id);
    }

    /** The goods leave the sender (its hold is committed) and are in transit at the receiver. */
    public TransferView ship(long storeId, long id, String actor) {
        Row t = lock(storeId, id, End.FROM, "APPROVED");
        reservations.commit(t.reservation, actor);
        lines(id)
                .forEach((sku, quantity) -> ledger.apply(new Movement(
                                t.to,
                                sku,
                                MovementKind.TRANSFER_IN_TRANSIT,
                                0,
                                0,
                                quantity,
                                "from store " + t.from,
                                "transfer:" + id,
                                actor))
                        .orElseThrow());
        status(id, "SHIPPED", "shipped", actor);
        return views.get(storeId, id);
    }

    /** What arrived goes on hand; a shortfall leaves transit without arriving and is named in the ledger. */
    public TransferView receive(long storeId, long id, ReceiveRequest request, String actor) {
        Row t = lock(storeId, id, End.TO, "SHIPPED");
        Map<Long, Long> shipped = lines(id);
        Map<Long, Long> arrived = new HashMap<>(shipped);
        if (request != null && request.received() != null) {
            for (ReceiveRequest.Received r : request.received()) {
                Long quantity = shipped.get(r.skuId());
                if (quantity == null) {
                    throw ProblemException.unprocessable(
                            "not-in-transfer", "SKU " + r.skuId() + " is not part of transfer " + id);
                }
                if (r.quantity() > quantity) {
                    throw ProblemException.unprocessable(
                            "more-than-shipped",
                            "SKU " + r.skuId() + ": " + r.quantity() + " received but " + quantity + " shipped");
                }
                arrived.put(r.skuId(), r.quantity());
            }
        }
        shipped.forEach((sku, quantity) -> {
            long got = arrived.get(sku);
            String reason = "from store " + t.from + (got < quantity ? "; short by " + (quantity - got) : "");
            ledger.apply(new Movement(
                            t.to,
                            sku,
                            MovementKind.TRANSFER_RECEIVED,
                            got,
                            0,
                            -quantity,
                            reason,
                            "transfer:" + id,
                            actor))
                    .orElseThrow();
            em.createNativeQuery("update stock_transfer_line set received = ?1 where transfer_id = ?2 and sku_id = ?3")
                    .setParameter(1, got)
                    .setParameter(2, id)
                    .setParameter(3, sku)
                    .executeUpdate();
        });
        status(id, "RECEIVED", "received", actor);
        return views.get(storeId, id);
    }

    /** Either store calls it off before shipping; an approved transfer's hold is released. */
    public TransferView cancel(long storeId, long id, String actor) {
        Row t = lock(storeId, id, End.EITHER, null);
        if (!t.status.equals("REQUESTED") && !t.status.equals("APPROVED")) {
            throw ProblemException.conflict("transfer-" + t.status.toLowerCase(), "transfer " + id + " is " + t.status);
        }
        if (t.reservation != null) {
            reservations.release(t.reservation, "transfer cancelled", actor);
        }
        status(id, "CANCELLED", "decided", actor);
        return views.get(storeId, id);
    }

    private enum End {
        FROM,
        TO,
        EITHER
    }

    private record Row(long from, long to, String status, UUID reservation) {}

    private Row lock(long storeId, long id, End end, String expected) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select from_store_id, to_store_id, status, reservation_id from "
                        + "stock_transfer where id = ?1 and (from_store_id = ?2 or to_store_id = ?2) for update")
                .setParameter(1, id)
                .setParameter(2, storeId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("transfer " + id + " of store " + storeId);
        }
        Object[] r = rows.get(0);
        Row row = new Row(StockQueries.num(r[0]), StockQueries.num(r[1]), (String) r[2], (UUID) r[3]);
        boolean rightEnd = switch (end) {
            case FROM -> row.from == storeId;
            case TO -> row.to == storeId;
            case EITHER -> true;
        };
        if (!rightEnd) {
            throw ProblemException.forbidden(
                    "not-your-step",
                    "transfer " + id + ": this step belongs to the " + (end == End.FROM ? "sending" : "receiving")
                            + " store");
        }
        if (expected != null && !expected.equals(row.status)) {
            throw ProblemException.conflict(
                    "transfer-" + row.status.toLowerCase(),
                    "transfer " + id + " is " + row.status + ", not " + expected);
        }
        return row;
    }

    private Map<Long, Long> lines(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select sku_id, quantity from stock_transfer_line where transfer_id = ?1 order by sku_id")
                .setParameter(1, id)
                .getResultList();
        Map<Long, Long> lines = new java.util.LinkedHashMap<>();
        rows.forEach(r -> lines.put(StockQueries.num(r[0]), StockQueries.num(r[1])));
        return lines;
    }

    private void status(long id, String status, String step, String actor) {
        em.createNativeQuery("update stock_transfer set status = ?1, " + step + "_by = ?2, " + step + "_at = now(), "
                        + "version = version + 1 where id = ?3")
                .setParameter(1, status)
                .setParameter(2, actor)
                .setParameter(3, id)
                .executeUpdate();
    }
}
