package io.mendian.inventory.app;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogApi;
import io.mendian.catalog.CatalogApi.SkuLabel;
import io.mendian.inventory.api.CountRequest;
import io.mendian.inventory.api.StocktakeView;
import io.mendian.inventory.domain.Movement;
import io.mendian.inventory.domain.MovementKind;
import io.mendian.inventory.domain.StockLevel;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * Stocktakes (S4): open a count sheet, record counts (staff count aisle by aisle, possibly over several requests),
 * review the variance against the live stock, then apply it: each counted SKU's on_hand becomes the count, through a
 * STOCKTAKE movement carrying the variance. Sales go on while counting; the variance is taken when applying.
 */
@ApplicationScoped
@Transactional
public class Stocktakes {

    private final EntityManager em;
    private final StockLedger ledger;
    private final StockWork work;
    private final CatalogApi catalog;

    public Stocktakes(EntityManager em, StockLedger ledger, StockWork work, CatalogApi catalog) {
        this.em = em;
        this.ledger = ledger;
        this.work = work;
        this.catalog = catalog;
    }

    public StocktakeView open(long storeId, String note, String actor) {
        long id = ((Number)
                        em.createNativeQuery("insert into stocktake (store_id, status, note, created_by, created_at) "
                                        + "values (?1, 'OPEN', ?2, ?3, now()) returning id")
                                .setParameter(1, storeId)
                                .setParameter(2, note)
                                .setParameter(3, actor)
                                .getSingleResult())
                .longValue();
        return get(storeId, id);
    }

    public StocktakeView count(long storeId, long id, CountRequest request, String actor) {
        requireOpen(storeId, id);
        Set<Long> skus = new TreeSet<>();
        request.counts().forEach(c -> skus.add(c.skuId()));
        work.requireSkus(skus);
        for (CountRequest.Count count : request.counts()) {
            em.createNativeQuery("insert into stocktake_line (stocktake_id, sku_id, counted, counted_by, counted_at) "
                            + "values (?1, ?2, ?3, ?4, now()) on conflict (stocktake_id, sku_id) do update set "
                            + "counted = excluded.counted, counted_by = excluded.counted_by, counted_at = now()")
                    .setParameter(1, id)
                    .setParameter(2, count.skuId())
                    .setParameter(3, count.counted())
                    .setParameter(4, actor)
                    .executeUpdate();
        }
        return get(storeId, id);
    }

    /**
     * Sets each counted SKU's on_hand to its count. A count below what orders hold (reserved) cannot be applied:
     * those orders would have nothing to ship; the problem names the SKUs so that staff resolve the orders first.
     */
    public StocktakeView apply(long storeId, long id, String actor) {
        requireOpen(storeId, id);
        @SuppressWarnings("unchecked")
        List<Object[]> lines = em.createNativeQuery(
                        "select sku_id, counted from stocktake_line where stocktake_id = ?1 order by sku_id")
                .setParameter(1, id)
                .getResultList();
        if (lines.isEmpty()) {
            throw ProblemException.unprocessable("nothing-counted", "stocktake " + id + " has no counts to apply");
        }
        for (Object[] line : lines) {
            long sku = StockQueries.num(line[0]);
            long counted = StockQueries.num(line[1]);
            StockLevel level = ledger.level(storeId, sku);
            long variance = counted - level.onHand();
            if (variance != 0) {
                var after = ledger.apply(new Movement(
                        storeId,
                        sku,
                        MovementKind.STOCKTAKE,
                        variance,
                        0,
                        0,
                        "stocktake variance " + (variance > 0 ? "+" : "") + variance,
                        "stocktake:" + id,
                        actor));
                if (after.isEmpty()) {
                    throw ProblemException.conflict(
                                    "count-below-reserved",
                                    "SKU " + sku + " was counted at " + counted + " but " + level.reserved()
                                            + " are reserved for orders; cancel or fulfil them, then apply again")
                            .with("skuId", sku)
                            .with("counted", counted)
                            .with("reserved", level.reserved());
                }
            }
            em.createNativeQuery(
                            "update stocktake_line set on_hand_at_apply = ?1 where stocktake_id = ?2 and sku_id = ?3")
                    .setParameter(1, level.onHand())
                    .setParameter(2, id)
                    .setParameter(3, sku)
                    .executeUpdate();
        }
        close(id, "APPLIED", actor);
        return get(storeId, id);
    }

    public StocktakeView cancel(long storeId, long id, String actor) {
        requireOpen(storeId, id);
        close(id, "CANCELLED", actor);
        return get(storeId, id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<StocktakeView> list(long storeId, PageRequest page) {
        long total = ((Number) em.createNativeQuery("select count(*) from stocktake where store_id = ?1")
                        .setParameter(1, storeId)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(
                        "select id from stocktake where store_id = ?1 order by id desc limit ?2 offset ?3")
                .setParameter(1, storeId)
                .setParameter(2, page.size())
                .setParameter(3, page.offset())
                .getResultList();
        return new Page<>(ids.stream().map(i -> get(storeId, i.longValue())).toList(), page.page(), page.size(), total);
    }

    /** A sheet of another store is a 404: the store in the path is the caller's scope, the sheet must be in it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StocktakeView get(long storeId, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select status, note, created_by, created_at, closed_by, closed_at "
                        + "from stocktake where id = ?1 and store_id = ?2")
                .setParameter(1, id)
                .setParameter(2, storeId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("stocktake " + id + " of store " + storeId);
        }
        Object[] r = rows.get(0);
        boolean open = "OPEN".equals(r[0]);
        @SuppressWarnings("unchecked")
        List<Object[]> lines = em.createNativeQuery("select l.sku_id, l.counted, l.on_hand_at_apply, l.counted_by, "
                        + "l.counted_at, coalesce(st.on_hand, 0) from stocktake_line l left join stock st on "
                        + "st.store_id = ?2 and st.sku_id = l.sku_id where l.stocktake_id = ?1 order by l.sku_id")
                .setParameter(1, id)
                .setParameter(2, storeId)
                .getResultList();
        Set<Long> skuIds = new TreeSet<>();
        lines.forEach(l -> skuIds.add(StockQueries.num(l[0])));
        Map<Long, SkuLabel> labels = catalog.labels(skuIds);
        List<StocktakeView.Line> views = lines.stream()
                .map(l -> {
                    long sku = StockQueries.num(l[0]);
                    long counted = StockQueries.num(l[1]);
                    long onHand = open || l[2] == null ? StockQueries.num(l[5]) : StockQueries.num(l[2]);
                    SkuLabel label = labels.get(sku);
                    return new StocktakeView.Line(
                            sku,
                            label == null ? null : label.code(),
                            label == null ? null : label.productName(),
                            counted,
                            onHand,
                            counted - onHand,
                            (String) l[3],
                            Rows.offset(l[4]));
                })
                .toList();
        return new StocktakeView(
                id,
                storeId,
                (String) r[0],
                (String) r[1],
                (String) r[2],
                Rows.offset(r[3]),
                (String) r[4],
                Rows.offset(r[5]),
                views);
    }

    /** Locks the sheet, so that two people applying it at once apply it once. */
    private void requireOpen(long storeId, long id) {
        @SuppressWarnings("unchecked")
        List<String> status = em.createNativeQuery(
                        "select status from stocktake where id = ?1 and store_id = ?2 for update")
                .setParameter(1, id)
                .setParameter(2, storeId)
                .getResultList();
        if (status.isEmpty()) {
            throw ProblemException.notFound("stocktake " + id + " of store " + storeId);
        }
        if (!"OPEN".equals(status.get(0))) {
            throw ProblemException.conflict("stocktake-closed", "stocktake " + id + " is " + status.get(0));
        }
    }

    private void close(long id, String status, String actor) {
        em.createNativeQuery(
                        "update stocktake set status = ?1, closed_by = ?2, closed_at = now(), version = version + 1 "
                                + "where id = ?3")
                .setParameter(1, status)
                .setParameter(2, actor)
                .setParameter(3, id)
                .executeUpdate();
    }
}
