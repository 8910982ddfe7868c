package io.mendian.catalog.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogChanged;
import io.mendian.catalog.api.ListingRequest;
import io.mendian.catalog.api.StoreCatalogItem;
import io.mendian.catalog.domain.PriceBand;
import io.mendian.catalog.persistence.SkuEntity;
import io.mendian.catalog.persistence.StoreListingEntity;
import io.mendian.store.StoreApi;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/** Each store's catalogue (S2): which published SKUs it sells and at what price inside HQ's band. */
@ApplicationScoped
@Transactional
public class StoreListings {

    /** SKUs of active products published to the store (everywhere, to one of its regions, or to it). */
    static final String VISIBLE = "from sku s join product p on p.id = s.product_id "
            + "left join store_listing l on l.sku_id = s.id and l.store_id = :store "
            + "where p.status = 'ACTIVE' and exists (select 1 from product_publication pp where pp.product_id = p.id and "
            + "(pp.scope = 'ALL' or (pp.scope = 'STORE' and pp.target_id = :store) or (pp.scope = 'REGION' and pp.target_id in (:regions))))";

    private final EntityManager em;
    private final StoreApi stores;
    private final Event<CatalogChanged> changes;
    private final TenantContext tenant;

    public StoreListings(EntityManager em, StoreApi stores, Event<CatalogChanged> changes, TenantContext tenant) {
        this.em = em;
        this.stores = stores;
        this.changes = changes;
        this.tenant = tenant;
    }

    /** The regions whose publications reach this store: its region and every ancestor (-1 keeps IN non-empty). */
    List<Long> regionsReaching(long storeId) {
        List<Long> regions = new ArrayList<>(stores.regionPath(storeId));
        regions.add(-1L);
        return regions;
    }

    public Page<StoreCatalogItem> catalog(long storeId, PageRequest page) {
        List<Long> regions = regionsReaching(storeId);
        Number total = (Number) em.createNativeQuery("select count(*) " + VISIBLE)
                .setParameter("store", storeId)
                .setParameter("regions", regions)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select s.id, s.code, p.id as pid, p.name, p.category_id, s.base_price_fen, s.min_price_fen, "
                                + "s.max_price_fen, coalesce(l.listed, true), l.price_fen " + VISIBLE
                                + " order by p.name, s.code limit :limit offset :offset")
                .setParameter("store", storeId)
                .setParameter("regions", regions)
                .setParameter("limit", page.size())
                .setParameter("offset", page.offset())
                .getResultList();
        List<StoreCatalogItem> items = rows.stream()
                .map(r -> {
                    Long storePrice = r[9] == null ? null : ((Number) r[9]).longValue();
                    long base = ((Number) r[5]).longValue();
                    return new StoreCatalogItem(
                            ((Number) r[0]).longValue(),
                            (String) r[1],
                            ((Number) r[2]).longValue(),
                            (String) r[3],
                            ((Number) r[4]).longValue(),
                            base,
                            ((Number) r[6]).longValue(),
                            ((Number) r[7]).longValue(),
                            (Boolean) r[8],
                            storePrice,
                            storePrice == null ? base : storePrice);
                })
                .toList();
        return new Page<>(items, page.page(), page.size(), total.longValue());
    }

    /**
     * Lists or delists a SKU in the store and sets its price. A price outside HQ's band is refused with the allowed
     * range in the problem body; a SKU not published to this store is a 404 (the store cannot see it).
     */
    public StoreCatalogItem set(long storeId, long skuId, ListingRequest request, String who) {
        SkuEntity sku = SkuEntity.findById(skuId);
        Number visible = sku == null
                ? 0
                : (Number) em.createNativeQuery("select count(*) " + VISIBLE + " and s.id = :sku")
                        .setParameter("store", storeId)
                        .setParameter("regions", regionsReaching(storeId))
                        .setParameter("sku", skuId)
                        .getSingleResult();
        if (visible.intValue() == 0) {
            throw ProblemException.notFound("SKU " + skuId + " in store " + storeId);
        }
        PriceBand band = sku.band();
        if (request.priceFen() != null && !band.allows(request.priceFen())) {
            throw ProblemException.unprocessable(
                            "price-outside-band",
                            "price " + request.priceFen() + " fen is outside HQ's band " + band.minFen() + "-"
                                    + band.maxFen() + " fen")
                    .with("minPriceFen", band.minFen())
                    .with("maxPriceFen", band.maxFen())
                    .with("basePriceFen", band.baseFen());
        }
        StoreListingEntity listing = StoreListingEntity.findById(new StoreListingEntity.Key(storeId, skuId));
        if (listing == null) {
            listing = new StoreListingEntity();
            listing.storeId = storeId;
            listing.skuId = skuId;
        }
        listing.listed = request.listed();
        listing.priceFen = request.priceFen();
        listing.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        listing.updatedBy = who;
        listing.persistAndFlush();
        changes.fire(new CatalogChanged(tenant.require(), storeId));
        var product =
                io.mendian.catalog.persistence.ProductEntity.<io.mendian.catalog.persistence.ProductEntity>findById(
                        sku.productId);
        return new StoreCatalogItem(
                sku.id,
                sku.code,
                sku.productId,
                product.name,
                product.categoryId,
                band.baseFen(),
                band.minFen(),
                band.maxFen(),
                listing.listed,
                listing.priceFen,
                band.effective(listing.priceFen));
    }

    /** Offers of the store for these SKUs: visible there, listed, at the store's price or the base price. */
    public java.util.Map<Long, io.mendian.catalog.CatalogApi.Offer> offers(
            long storeId, java.util.Collection<Long> skuIds) {
        java.util.Map<Long, io.mendian.catalog.CatalogApi.Offer> offers = new java.util.HashMap<>();
        if (skuIds.isEmpty()) {
            return offers;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select s.id, s.code, p.id as pid, p.name, coalesce(l.price_fen, "
                        + "s.base_price_fen), p.category_id " + VISIBLE
                        + " and coalesce(l.listed, true) and s.id in (:skus)")
                .setParameter("store", storeId)
                .setParameter("regions", regionsReaching(storeId))
                .setParameter("skus", skuIds)
                .getResultList();
        for (Object[] r : rows) {
            long sku = ((Number) r[0]).longValue();
            offers.put(
                    sku,
                    new io.mendian.catalog.CatalogApi.Offer(
                            sku,
                            (String) r[1],
                            ((Number) r[2]).longValue(),
                            (String) r[3],
                            ((Number) r[4]).longValue(),
                            ((Number) r[5]).longValue()));
        }
        return offers;
    }
}
