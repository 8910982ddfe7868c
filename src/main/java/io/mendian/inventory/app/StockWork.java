package io.mendian.inventory.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogApi;
import io.mendian.inventory.api.LineRequest;
import io.mendian.inventory.api.LossRequest;
import io.mendian.inventory.api.ReceiptRequest;
import io.mendian.inventory.api.StockLevelView;
import io.mendian.inventory.domain.Movement;
import io.mendian.inventory.domain.MovementKind;
import io.mendian.inventory.domain.StockLevel;
import io.mendian.web.ProblemException;

/** The store's stock work (S4): goods in, losses, and low-stock thresholds. Every change is a ledger movement. */
@ApplicationScoped
@Transactional
public class StockWork {

    private final StockLedger ledger;
    private final CatalogApi catalog;
    private final LowStockAlerts alerts;
    private final EntityManager em;

    public StockWork(StockLedger ledger, CatalogApi catalog, LowStockAlerts alerts, EntityManager em) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.alerts = alerts;
        this.em = em;
    }

    public List<StockLevelView> receive(long storeId, ReceiptRequest request, String actor) {
        Map<Long, Long> lines = lines(request.lines());
        List<StockLevelView> levels = new ArrayList<>();
        lines.forEach((sku, quantity) -> levels.add(view(
                storeId,
                sku,
                ledger.apply(new Movement(
                                storeId,
                                sku,
                                MovementKind.STOCK_IN,
                                quantity,
                                0,
                                0,
                                request.note(),
                                request.reference(),
                                actor))
                        .orElseThrow())));
        return levels;
    }

    /** Losses come out of what is available: reserved goods belong to orders, which must be cancelled first. */
    public List<StockLevelView> lose(long storeId, LossRequest request, String actor) {
        Map<Long, Long> lines = lines(request.lines());
        String reason = request.reason() + (request.note() == null ? "" : ": " + request.note());
        List<StockLevelView> levels = new ArrayList<>();
        lines.forEach((sku, quantity) -> {
            var level =
                    ledger.apply(new Movement(storeId, sku, MovementKind.LOSS, -quantity, 0, 0, reason, null, actor));
            if (level.isEmpty()) {
                throw insufficient(storeId, sku, quantity, ledger.level(storeId, sku));
            }
            levels.add(view(storeId, sku, level.get()));
        });
        return levels;
    }

    public StockLevelView threshold(long storeId, long skuId, Long threshold) {
        requireSkus(Set.of(skuId));
        em.createNativeQuery(
                        "insert into stock (store_id, sku_id, low_threshold, updated_at) values (?1, ?2, ?3, now()) "
                                + "on conflict (store_id, sku_id) do update set low_threshold = excluded.low_threshold, "
                                + "updated_at = now(), version = stock.version + 1")
                .setParameter(1, storeId)
                .setParameter(2, skuId)
                .setParameter(3, threshold)
                .executeUpdate();
        StockLevel level = ledger.level(storeId, skuId);
        alerts.reconsider(storeId, skuId, level);
        return view(storeId, skuId, level);
    }

    static ProblemException insufficient(long storeId, long skuId, long requested, StockLevel level) {
        return ProblemException.conflict(
                        "insufficient-stock",
                        "store " + storeId + " has " + level.available() + " of SKU " + skuId + " available ("
                                + level.reserved() + " more reserved for orders); " + requested + " requested")
                .with("storeId", storeId)
                .with("skuId", skuId)
                .with("available", level.available())
                .with("reserved", level.reserved())
                .with("requested", requested);
    }

    static StockLevelView view(long storeId, long skuId, StockLevel level) {
        return new StockLevelView(
                storeId,
                skuId,
                level.onHand(),
                level.reserved(),
                level.available(),
                level.inTransit(),
                level.lowThreshold());
    }

    /** Lines merged per SKU in lock order, every SKU known to the catalogue. */
    Map<Long, Long> lines(List<LineRequest> requested) {
        Map<Long, Long> merged = new LinkedHashMap<>();
        new TreeSet<>(requested.stream().map(LineRequest::skuId).toList()).forEach(sku -> merged.put(sku, 0L));
        for (LineRequest line : requested) {
            long sum = merged.get(line.skuId()) + line.quantity();
            if (sum > Reservations.MAX_QUANTITY) {
                throw ProblemException.unprocessable(
                        "invalid-quantity", "SKU " + line.skuId() + " totals more than " + Reservations.MAX_QUANTITY);
            }
            merged.put(line.skuId(), sum);
        }
        requireSkus(merged.keySet());
        return merged;
    }

    void requireSkus(Set<Long> skuIds) {
        Set<Long> unknown = new TreeSet<>(skuIds);
        unknown.removeAll(catalog.labels(skuIds).keySet());
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown-sku", "no SKU " + unknown + " in this brand's catalogue")
                    .with("skuIds", List.copyOf(unknown));
        }
    }
}
