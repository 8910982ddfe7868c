package io.mendian.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.catalog.persistence.SkuEntity;

/** What other contexts may ask about the current brand's catalogue. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogApi {

    private final io.mendian.catalog.app.StoreListings listings;

    public CatalogApi(io.mendian.catalog.app.StoreListings listings) {
        this.listings = listings;
    }

    /** SKUs that count against the plan. */
    public long countSkus() {
        return SkuEntity.count();
    }

    /** How a SKU is shown next to stock and order lines. */
    public record SkuLabel(long skuId, String code, long productId, String productName) {}

    /** Labels of the existing SKUs among the ids (unknown ids are absent, so this also checks existence). */
    public Map<Long, SkuLabel> labels(Collection<Long> skuIds) {
        Map<Long, SkuLabel> labels = new HashMap<>();
        if (skuIds.isEmpty()) {
            return labels;
        }
        SkuEntity.getEntityManager()
                .createQuery(
                        "select s.id, s.code, p.id, p.name from SkuEntity s, ProductEntity p where p.id = s.productId "
                                + "and s.id in :ids",
                        Object[].class)
                .setParameter("ids", skuIds)
                .getResultList()
                .forEach(r ->
                        labels.put((Long) r[0], new SkuLabel((Long) r[0], (String) r[1], (Long) r[2], (String) r[3])));
        return labels;
    }

    /**
     * The categories and every category below them in the tree: a discount scoped to a parent category covers the
     * products filed under its children.
     */
    public java.util.Set<Long> withDescendants(Collection<Long> categoryIds) {
        if (categoryIds.isEmpty()) {
            return java.util.Set.of();
        }
        @SuppressWarnings("unchecked")
        java.util.List<Number> found = SkuEntity.getEntityManager()
                .createNativeQuery("with recursive below(id) as (select id from category where id = any(cast(?1 as "
                        + "bigint[])) union select c.id from category c join below b on c.parent_id = b.id) select id "
                        + "from below")
                .setParameter(1, categoryIds.toArray(Long[]::new))
                .getResultList();
        java.util.Set<Long> all = new java.util.HashSet<>(categoryIds);
        found.forEach(n -> all.add(n.longValue()));
        return all;
    }

    /** What a store sells a SKU for now: published to the store, its product active, listed there; price in fen. */
    public record Offer(long skuId, String code, long productId, String productName, long priceFen, long categoryId) {}

    /** The store's offers for the SKUs it sells now; SKUs it does not sell are absent. */
    public Map<Long, Offer> offers(long storeId, Collection<Long> skuIds) {
        return listings.offers(storeId, skuIds);
    }
}
