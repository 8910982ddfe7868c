package io.mendian.inventory.app;

import java.util.ArrayList;
import java.util.Collection;
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
import io.mendian.inventory.api.AlertView;
import io.mendian.inventory.api.MovementView;
import io.mendian.inventory.api.StockView;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.Rows;

/**
 * Reads of stock, the ledger and alerts, for one store's console or for HQ across the stores in its scope. A scope is
 * a set of store ids, or {@code null} for the whole brand; an empty set sees nothing. Stock is read from PostgreSQL on
 * every request (no cache), so nothing shown is older than the last commit.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StockQueries {

    private static final SkuLabel UNKNOWN = new SkuLabel(0, "?", 0, "?");

    private final EntityManager em;
    private final CatalogApi catalog;
    private final StoreApi stores;

    public StockQueries(EntityManager em, CatalogApi catalog, StoreApi stores) {
        this.em = em;
        this.catalog = catalog;
        this.stores = stores;
    }

    /** Filters shared by the stock and ledger lists. */
    public record StockFilter(Set<Long> scope, Long storeId, Long skuId, boolean lowOnly) {}

    public Page<StockView> stock(StockFilter filter, PageRequest page) {
        Where where = where(filter, "st");
        if (filter.lowOnly()) {
            where.sql.append(" and st.low_threshold is not null and st.on_hand - st.reserved < st.low_threshold");
        }
        long total = count("select count(*) from stock st" + where.sql, where);
        List<Object[]> rows = list(
                "select st.store_id, st.sku_id, st.on_hand, st.reserved, st.in_transit, st.low_threshold, st.updated_at "
                        + "from stock st" + where.sql + " order by st.store_id, st.sku_id limit :limit offset :offset",
                where,
                page);
        Map<Long, SkuLabel> skus = catalog.labels(ids(rows, 1));
        Map<Long, String> storeNames = stores.labels(ids(rows, 0));
        List<StockView> items = rows.stream()
                .map(r -> {
                    long onHand = num(r[2]);
                    long reserved = num(r[3]);
                    Long threshold = r[5] == null ? null : num(r[5]);
                    SkuLabel sku = skus.getOrDefault(num(r[1]), UNKNOWN);
                    return new StockView(
                            num(r[0]),
                            storeNames.get(num(r[0])),
                            num(r[1]),
                            sku.code(),
                            sku.productName(),
                            onHand,
                            reserved,
                            onHand - reserved,
                            num(r[4]),
                            threshold,
                            threshold != null && onHand - reserved < threshold,
                            Rows.offset(r[6]));
                })
                .toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    public Page<MovementView> ledger(StockFilter filter, String kind, PageRequest page) {
        Where where = where(filter, "m");
        if (kind != null) {
            where.sql.append(" and m.kind = :kind");
            where.params.put("kind", kind);
        }
        long total = count("select count(*) from stock_movement m" + where.sql, where);
        List<Object[]> rows = list(
                "select m.id, m.store_id, m.sku_id, m.kind, m.on_hand_delta, m.reserved_delta, m.in_transit_delta, "
                        + "m.on_hand_after, m.reserved_after, m.in_transit_after, m.reason, m.reference, m.actor, m.at "
                        + "from stock_movement m" + where.sql + " order by m.id desc limit :limit offset :offset",
                where,
                page);
        Map<Long, SkuLabel> skus = catalog.labels(ids(rows, 2));
        List<MovementView> items = rows.stream()
                .map(r -> new MovementView(
                        num(r[0]),
                        num(r[1]),
                        num(r[2]),
                        skus.getOrDefault(num(r[2]), UNKNOWN).code(),
                        (String) r[3],
                        num(r[4]),
                        num(r[5]),
                        num(r[6]),
                        num(r[7]),
                        num(r[8]),
                        num(r[9]),
                        (String) r[10],
                        (String) r[11],
                        (String) r[12],
                        Rows.offset(r[13])))
                .toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    public Page<AlertView> alerts(StockFilter filter, PageRequest page) {
        Where where = where(filter, "a");
        where.sql.append(" and a.cleared_at is null");
        long total = count("select count(*) from stock_alert a" + where.sql, where);
        List<Object[]> rows = list(
                "select a.id, a.store_id, a.sku_id, a.threshold, a.available, a.raised_at, "
                        + "coalesce(st.on_hand - st.reserved, 0) from stock_alert a left join stock st on "
                        + "st.store_id = a.store_id and st.sku_id = a.sku_id" + where.sql
                        + " order by a.raised_at desc, a.id desc limit :limit offset :offset",
                where,
                page);
        Map<Long, SkuLabel> skus = catalog.labels(ids(rows, 2));
        Map<Long, String> storeNames = stores.labels(ids(rows, 1));
        List<AlertView> items = rows.stream()
                .map(r -> {
                    SkuLabel sku = skus.getOrDefault(num(r[2]), UNKNOWN);
                    return new AlertView(
                            num(r[0]),
                            num(r[1]),
                            storeNames.get(num(r[1])),
                            num(r[2]),
                            sku.code(),
                            sku.productName(),
                            num(r[3]),
                            num(r[4]),
                            num(r[6]),
                            Rows.offset(r[5]));
                })
                .toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** What the store can sell of each SKU; SKUs it never stocked answer 0. */
    public Map<Long, Long> available(long storeId, Collection<Long> skuIds) {
        Map<Long, Long> available = new HashMap<>();
        skuIds.forEach(id -> available.put(id, 0L));
        if (skuIds.isEmpty()) {
            return available;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select sku_id, on_hand - reserved from stock where store_id = :store and sku_id in (:skus)")
                .setParameter("store", storeId)
                .setParameter("skus", skuIds)
                .getResultList();
        rows.forEach(r -> available.put(num(r[0]), num(r[1])));
        return available;
    }

    /** Of the candidate stores, those that can sell at least {@code quantity} of the SKU, in the given order. */
    public List<Long> storesWithAvailable(long skuId, long quantity, List<Long> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("select store_id from stock where sku_id = :sku and store_id in "
                        + "(:stores) and on_hand - reserved >= :quantity")
                .setParameter("sku", skuId)
                .setParameter("stores", candidates)
                .setParameter("quantity", quantity)
                .getResultList();
        Set<Long> stocked = new HashSet<>();
        rows.forEach(n -> stocked.add(n.longValue()));
        List<Long> kept = new ArrayList<>();
        candidates.stream().filter(stocked::contains).forEach(kept::add);
        return kept;
    }

    private static final class Where {
        final StringBuilder sql = new StringBuilder(" where 1 = 1");
        final Map<String, Object> params = new HashMap<>();
    }

    private static Where where(StockFilter filter, String alias) {
        Where where = new Where();
        if (filter.scope() != null) {
            // An empty scope must match nothing; -1 keeps the IN list valid.
            Set<Long> scope = new HashSet<>(filter.scope());
            scope.add(-1L);
            where.sql.append(" and ").append(alias).append(".store_id in (:scope)");
            where.params.put("scope", scope);
        }
        if (filter.storeId() != null) {
            where.sql.append(" and ").append(alias).append(".store_id = :store");
            where.params.put("store", filter.storeId());
        }
        if (filter.skuId() != null) {
            where.sql.append(" and ").append(alias).append(".sku_id = :sku");
            where.params.put("sku", filter.skuId());
        }
        return where;
    }

    private long count(String sql, Where where) {
        Query query = em.createNativeQuery(sql);
        where.params.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> list(String sql, Where where, PageRequest page) {
        Query query = em.createNativeQuery(sql);
        where.params.forEach(query::setParameter);
        return query.setParameter("limit", page.size())
                .setParameter("offset", page.offset())
                .getResultList();
    }

    private static Set<Long> ids(List<Object[]> rows, int column) {
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(num(r[column])));
        return ids;
    }

    static long num(Object value) {
        return ((Number) value).longValue();
    }
}
