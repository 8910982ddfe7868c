package io.mendian.inventory.app;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogApi;
import io.mendian.catalog.CatalogApi.SkuLabel;
import io.mendian.inventory.api.TransferView;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/** Reads of transfers: one store's (in, out or both) and HQ's across the stores in its scope. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TransferViews {

    private static final String COLUMNS = "select id, from_store_id, to_store_id, status, note, requested_by, "
            + "requested_at, decided_by, decided_at, shipped_by, shipped_at, received_by, received_at from stock_transfer";

    private final EntityManager em;
    private final CatalogApi catalog;
    private final StoreApi stores;

    public TransferViews(EntityManager em, CatalogApi catalog, StoreApi stores) {
        this.em = em;
        this.catalog = catalog;
        this.stores = stores;
    }

    /** A transfer the store is an end of; any other is a 404 for it. */
    public TransferView get(long storeId, long id) {
        Query query = em.createNativeQuery(COLUMNS + " where id = ?1 and (from_store_id = ?2 or to_store_id = ?2)")
                .setParameter(1, id)
                .setParameter(2, storeId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("transfer " + id + " of store " + storeId);
        }
        return views(rows).get(0);
    }

    /**
     * Transfers where a store in the scope ({@code null}: every store) is an end; {@code direction} narrows one
     * store's list to what it receives (in) or sends (out).
     */
    public Page<TransferView> list(Set<Long> scope, Long storeId, String direction, String status, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (scope != null) {
            Set<Long> ids = new HashSet<>(scope);
            ids.add(-1L);
            where.append(" and (from_store_id in (:scope) or to_store_id in (:scope))");
            params.put("scope", ids);
        }
        if (storeId != null) {
            where.append(
                    switch (direction == null ? "" : direction) {
                        case "in" -> " and to_store_id = :store";
                        case "out" -> " and from_store_id = :store";
                        default -> " and (from_store_id = :store or to_store_id = :store)";
                    });
            params.put("store", storeId);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        Query count = em.createNativeQuery("select count(*) from stock_transfer" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        Query select = em.createNativeQuery(COLUMNS + where + " order by id desc limit :limit offset :offset");
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setParameter("limit", page.size())
                .setParameter("offset", page.offset())
                .getResultList();
        return new Page<>(views(rows), page.page(), page.size(), total);
    }

    private List<TransferView> views(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<Long> ids = new HashSet<>();
        Set<Long> storeIds = new HashSet<>();
        rows.forEach(r -> {
            ids.add(StockQueries.num(r[0]));
            storeIds.add(StockQueries.num(r[1]));
            storeIds.add(StockQueries.num(r[2]));
        });
        @SuppressWarnings("unchecked")
        List<Object[]> lineRows = em.createNativeQuery("select transfer_id, sku_id, quantity, received from "
                        + "stock_transfer_line where transfer_id in (:ids) order by transfer_id, sku_id")
                .setParameter("ids", ids)
                .getResultList();
        Set<Long> skuIds = new HashSet<>();
        lineRows.forEach(l -> skuIds.add(StockQueries.num(l[1])));
        Map<Long, SkuLabel> labels = catalog.labels(skuIds);
        Map<Long, String> storeNames = stores.labels(storeIds);
        Map<Long, List<TransferView.Line>> lines = new HashMap<>();
        lineRows.forEach(l -> {
            SkuLabel label = labels.get(StockQueries.num(l[1]));
            lines.computeIfAbsent(StockQueries.num(l[0]), k -> new java.util.ArrayList<>())
                    .add(new TransferView.Line(
                            StockQueries.num(l[1]),
                            label == null ? null : label.code(),
                            label == null ? null : label.productName(),
                            StockQueries.num(l[2]),
                            l[3] == null ? null : StockQueries.num(l[3])));
        });
        return rows.stream()
                .map(r -> new TransferView(
                        StockQueries.num(r[0]),
                        StockQueries.num(r[1]),
                        storeNames.get(StockQueries.num(r[1])),
                        StockQueries.num(r[2]),
                        storeNames.get(StockQueries.num(r[2])),
                        (String) r[3],
                        (String) r[4],
                        lines.getOrDefault(StockQueries.num(r[0]), List.of()),
                        (String) r[5],
                        Rows.offset(r[6]),
                        (String) r[7],
                        Rows.offset(r[8]),
                        (String) r[9],
                        Rows.offset(r[10]),
                        (String) r[11],
                        Rows.offset(r[12])))
                .toList();
    }
}
