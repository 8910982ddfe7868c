package io.mendian.catalog.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.catalog.api.CategoryView;
import io.mendian.catalog.api.ShopProductDetail;
import io.mendian.catalog.api.ShopProductSummary;
import io.mendian.catalog.persistence.ProductEntity;
import io.mendian.catalog.persistence.SkuEntity;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** What a consumer browsing one store sees (C3), computed from PostgreSQL; {@link CatalogCache} sits in front. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ShopCatalog {

    private final EntityManager em;
    private final StoreApi stores;
    private final StoreListings listings;
    private final Categories catalog;

    public ShopCatalog(EntityManager em, StoreApi stores, StoreListings listings, Categories catalog) {
        this.em = em;
        this.stores = stores;
        this.listings = listings;
        this.catalog = catalog;
    }

    public void requireBrowsable(long storeId) {
        if (!stores.isBrowsable(storeId)) {
            throw ProblemException.notFound("store " + storeId);
        }
    }

    public List<CategoryView> categories() {
        return catalog.categories();
    }

    public Page<ShopProductSummary> products(long storeId, Long categoryId, String query, PageRequest page) {
        StringBuilder filter = new StringBuilder(" and coalesce(l.listed, true)");
        Map<String, Object> params = new HashMap<>();
        params.put("store", storeId);
        params.put("regions", listings.regionsReaching(storeId));
        if (categoryId != null) {
            Set<Long> categories = catalog.subtree(categoryId);
            if (categories.isEmpty()) {
                throw ProblemException.notFound("category " + categoryId);
            }
            filter.append(" and p.category_id in (:categories)");
            params.put("categories", categories);
        }
        if (query != null && !query.isBlank()) {
            // Substring match on lower(name); the pg_trgm GIN index serves it.
            filter.append(" and lower(p.name) like :q escape '\\'");
            params.put("q", QueryParams.containsPattern(query));
        }
        var count = em.createNativeQuery("select count(distinct p.id) " + StoreListings.VISIBLE + filter);
        var select = em.createNativeQuery(
                "select p.id, p.name, p.category_id, min(coalesce(l.price_fen, s.base_price_fen)), count(*) "
                        + StoreListings.VISIBLE + filter
                        + " group by p.id, p.name, p.category_id order by p.name, p.id limit :limit offset :offset");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        select.setParameter("limit", page.size()).setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        Map<Long, List<String>> images =
                images(rows.stream().map(r -> ((Number) r[0]).longValue()).toList());
        List<ShopProductSummary> items = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            items.add(new ShopProductSummary(
                    id,
                    (String) r[1],
                    ((Number) r[2]).longValue(),
                    images.getOrDefault(id, List.of()),
                    ((Number) r[3]).longValue(),
                    ((Number) r[4]).intValue()));
        }
        return new Page<>(items, page.page(), page.size(), ((Number) count.getSingleResult()).longValue());
    }

    public ShopProductDetail product(long storeId, long productId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select s.id, coalesce(l.price_fen, s.base_price_fen) "
                        + StoreListings.VISIBLE + " and coalesce(l.listed, true) and p.id = :product order by s.code")
                .setParameter("store", storeId)
                .setParameter("regions", listings.regionsReaching(storeId))
                .setParameter("product", productId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("product " + productId + " in store " + storeId);
        }
        ProductEntity product = ProductEntity.findById(productId);
        List<ShopProductDetail.Sku> skus = new ArrayList<>();
        for (Object[] r : rows) {
            SkuEntity sku = SkuEntity.findById(((Number) r[0]).longValue());
            skus.add(new ShopProductDetail.Sku(sku.id, sku.code, sku.specs, ((Number) r[1]).longValue()));
        }
        return new ShopProductDetail(
                product.id, product.name, product.categoryId, product.description, product.images, skus);
    }

    private static Map<Long, List<String>> images(List<Long> productIds) {
        Map<Long, List<String>> result = new HashMap<>();
        if (!productIds.isEmpty()) {
            ProductEntity.<ProductEntity>list("id in ?1", productIds)
                    .forEach(p -> result.put(p.id, p.images == null ? List.of() : p.images));
        }
        return result;
    }
}
