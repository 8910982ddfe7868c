package io.mendian.catalog.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogChanged;
import io.mendian.catalog.api.BandChange;
import io.mendian.catalog.api.ProductRequest;
import io.mendian.catalog.api.ProductView;
import io.mendian.catalog.api.Publication;
import io.mendian.catalog.api.SkuRequest;
import io.mendian.catalog.api.SkuView;
import io.mendian.catalog.domain.PriceBand;
import io.mendian.catalog.persistence.ProductEntity;
import io.mendian.catalog.persistence.SkuEntity;
import io.mendian.store.StoreApi;
import io.mendian.tenancy.PlanLimits;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.UsageChanged;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** HQ's product centre (H3): products with SKUs, price bands and publication (categories: {@link Categories}). */
@ApplicationScoped
@Transactional
public class CatalogAdministration {

    private final EntityManager em;
    private final Event<CatalogChanged> changes;
    private final TenantContext tenant;
    private final StoreApi stores;

    private final PlanLimits limits;
    private final Event<UsageChanged> usage;
    private final Categories categories;

    public CatalogAdministration(
            EntityManager em,
            Event<CatalogChanged> changes,
            TenantContext tenant,
            StoreApi stores,
            PlanLimits limits,
            Event<UsageChanged> usage,
            Categories categories) {
        this.categories = categories;
        this.usage = usage;
        this.em = em;
        this.changes = changes;
        this.tenant = tenant;
        this.stores = stores;
        this.limits = limits;
    }

    // ------------------------------------------------------------------------------------------------- products

    public Page<ProductView> products(Long categoryId, String query, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (categoryId != null) {
            where.append(" and categoryId in :categories");
            params.put("categories", categories.subtree(categoryId));
        }
        if (query != null && !query.isBlank()) {
            where.append(" and (lower(name) like :q escape '\\' or lower(code) like :q escape '\\')");
            params.put("q", QueryParams.containsPattern(query));
        }
        var found = ProductEntity.<ProductEntity>find(where + " order by code", params);
        long total = found.count();
        return new Page<>(
                found.page(page.page(), page.size()).list().stream()
                        .map(this::view)
                        .toList(),
                page.page(),
                page.size(),
                total);
    }

    public ProductView product(long id) {
        return view(load(id));
    }

    public ProductView createProduct(ProductRequest request, String who) {
        if (request.skus() == null || request.skus().isEmpty()) {
            throw ProblemException.badRequest("no-skus", "a product needs at least one SKU");
        }
        requireUniqueProductCode(request.code(), null);
        categories.requireExists(request.categoryId(), "category");
        requireRoomForSkus(request.skus().size());
        Set<String> codes = new HashSet<>();
        for (SkuRequest sku : request.skus()) {
            if (!codes.add(sku.code())) {
                throw ProblemException.badRequest("duplicate-sku-code", "SKU code " + sku.code() + " appears twice");
            }
            requireUniqueSkuCode(sku.code(), null);
            band(sku);
        }
        ProductEntity product = new ProductEntity();
        product.createdAt = now();
        product.createdBy = who;
        applyProduct(product, request, who);
        product.persistAndFlush();
        for (SkuRequest sku : request.skus()) {
            newSku(product.id, sku, who);
        }
        publish(product.id, request.publication() == null ? Publication.everywhere() : request.publication());
        brandChanged();
        skusCounted();
        return view(product);
    }

    public ProductView replaceProduct(long id, ProductRequest request, String who) {
        ProductEntity product = load(id);
        if (request.version() != null && request.version() != product.version) {
            throw new OptimisticLockException("product " + id + " changed since you read it");
        }
        requireUniqueProductCode(request.code(), id);
        categories.requireExists(request.categoryId(), "category");
        applyProduct(product, request, who);
        product.persistAndFlush();
        if (request.publication() != null) {
            publish(id, request.publication());
        }
        brandChanged();
        return view(product);
    }

    public SkuView addSku(long productId, SkuRequest request, String who) {
        load(productId);
        requireUniqueSkuCode(request.code(), null);
        requireRoomForSkus(1);
        band(request);
        SkuView sku = skuView(newSku(productId, request, who));
        brandChanged();
        skusCounted();
        return sku;
    }

    /**
     * Changes a SKU's prices and band. Store prices the new band strands are clamped to its nearest edge in the same
     * transaction, and listed in the answer so that HQ can tell the stores.
     */
    public BandChange replaceSku(long skuId, SkuRequest request, String who) {
        SkuEntity sku = SkuEntity.findById(skuId);
        if (sku == null) {
            throw ProblemException.notFound("SKU " + skuId);
        }
        requireUniqueSkuCode(request.code(), skuId);
        PriceBand band = band(request);
        sku.code = request.code();
        sku.barcode = request.barcode();
        sku.specs = request.specs();
        sku.basePriceFen = band.baseFen();
        sku.minPriceFen = band.minFen();
        sku.maxPriceFen = band.maxFen();
        sku.updatedAt = now();
        sku.updatedBy = who;
        sku.persistAndFlush();
        @SuppressWarnings("unchecked")
        List<Object[]> stranded = em.createNativeQuery(
                        "update store_listing l set price_fen = greatest(:min, least(:max, l.price_fen)), "
                                + "updated_at = now(), updated_by = :who, version = l.version + 1 from store_listing old "
                                + "where l.sku_id = :sku and old.sku_id = l.sku_id and old.store_id = l.store_id "
                                + "and (l.price_fen < :min or l.price_fen > :max) returning l.store_id, old.price_fen, l.price_fen")
                .setParameter("min", band.minFen())
                .setParameter("max", band.maxFen())
                .setParameter("who", who)
                .setParameter("sku", skuId)
                .getResultList();
        List<BandChange.Clamped> clamped = new ArrayList<>();
        for (Object[] row : stranded) {
            clamped.add(new BandChange.Clamped(
                    ((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
        }
        brandChanged();
        return new BandChange(skuView(sku), clamped);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private SkuEntity newSku(long productId, SkuRequest request, String who) {
        PriceBand band = band(request);
        SkuEntity sku = new SkuEntity();
        sku.productId = productId;
        sku.code = request.code();
        sku.barcode = request.barcode();
        sku.specs = request.specs();
        sku.basePriceFen = band.baseFen();
        sku.minPriceFen = band.minFen();
        sku.maxPriceFen = band.maxFen();
        sku.createdAt = now();
        sku.createdBy = who;
        sku.updatedAt = sku.createdAt;
        sku.updatedBy = who;
        sku.persistAndFlush();
        return sku;
    }

    private void publish(long productId, Publication publication) {
        List<Long> regions = publication.regionIds() == null ? List.of() : publication.regionIds();
        List<Long> storeIds = publication.storeIds() == null ? List.of() : publication.storeIds();
        if (!publication.all() && regions.isEmpty() && storeIds.isEmpty()) {
            throw ProblemException.badRequest(
                    "empty-publication", "publish to all stores, some regions or some stores");
        }
        for (Long region : regions) {
            if (!stores.regionExists(region)) {
                throw ProblemException.unprocessable("unknown-region", "region " + region + " does not exist");
            }
        }
        for (Long store : storeIds) {
            if (!stores.exists(store)) {
                throw ProblemException.unprocessable("unknown-store", "store " + store + " does not exist");
            }
        }
        em.createNativeQuery("delete from product_publication where product_id = :p")
                .setParameter("p", productId)
                .executeUpdate();
        if (publication.all()) {
            insertPublication(productId, "ALL", 0);
        }
        regions.forEach(r -> insertPublication(productId, "REGION", r));
        storeIds.forEach(s -> insertPublication(productId, "STORE", s));
    }

    private void insertPublication(long productId, String scope, long target) {
        em.createNativeQuery(
                        "insert into product_publication (product_id, scope, target_id) values (:p, :s, :t) on conflict do nothing")
                .setParameter("p", productId)
                .setParameter("s", scope)
                .setParameter("t", target)
                .executeUpdate();
    }

    private Publication publication(long productId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select scope, target_id from product_publication where product_id = :p order by scope, target_id")
                .setParameter("p", productId)
                .getResultList();
        boolean all = false;
        List<Long> regions = new ArrayList<>();
        List<Long> storeIds = new ArrayList<>();
        for (Object[] row : rows) {
            long target = ((Number) row[1]).longValue();
            switch ((String) row[0]) {
                case "ALL" -> all = true;
                case "REGION" -> regions.add(target);
                default -> storeIds.add(target);
            }
        }
        return new Publication(all, regions, storeIds);
    }

    private static PriceBand band(SkuRequest sku) {
        try {
            return new PriceBand(sku.minPriceFen(), sku.basePriceFen(), sku.maxPriceFen());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-price-band", e.getMessage())
                    .with("sku", sku.code());
        }
    }

    /** Count-then-insert under a per-brand advisory lock, so concurrent creations cannot exceed the plan together. */
    private void requireRoomForSkus(int adding) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(current_schema() || ':sku-limit'))")
                .getSingleResult();
        limits.require(tenant.require(), PlanLimits.Limit.SKUS, SkuEntity.count() + adding);
    }

    private void brandChanged() {
        changes.fire(new CatalogChanged(tenant.require(), null));
    }

    /** Tells the SaaS meter the brand's SKU count (observed after commit). */
    private void skusCounted() {
        usage.fire(UsageChanged.level(tenant.require(), UsageChanged.Metric.SKUS, SkuEntity.count()));
    }

    private static void applyProduct(ProductEntity product, ProductRequest request, String who) {
        product.code = request.code();
        product.name = request.name().strip();
        product.categoryId = request.categoryId();
        product.description = request.description();
        product.images = request.images() == null ? List.of() : List.copyOf(request.images());
        product.status = request.status() == null ? "ACTIVE" : request.status();
        product.updatedAt = now();
        product.updatedBy = who;
    }

    private static ProductEntity load(long id) {
        ProductEntity product = ProductEntity.findById(id);
        if (product == null) {
            throw ProblemException.notFound("product " + id);
        }
        return product;
    }

    private static void requireUniqueProductCode(String code, Long self) {
        ProductEntity other = ProductEntity.find("code", code).firstResult();
        if (other != null && !Objects.equals(other.id, self)) {
            throw ProblemException.conflict("duplicate-product-code", "product code " + code + " is already used")
                    .with("code", code);
        }
    }

    private static void requireUniqueSkuCode(String code, Long self) {
        SkuEntity other = SkuEntity.find("code", code).firstResult();
        if (other != null && !Objects.equals(other.id, self)) {
            throw ProblemException.conflict("duplicate-sku-code", "SKU code " + code + " is already used")
                    .with("code", code);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static SkuView skuView(SkuEntity s) {
        return new SkuView(
                s.id, s.productId, s.code, s.barcode, s.specs, s.basePriceFen, s.minPriceFen, s.maxPriceFen, s.version);
    }

    private ProductView view(ProductEntity p) {
        List<SkuView> skus = SkuEntity.<SkuEntity>list("productId = ?1 order by code", p.id).stream()
                .map(CatalogAdministration::skuView)
                .toList();
        return new ProductView(
                p.id,
                p.code,
                p.name,
                p.categoryId,
                p.description,
                p.images,
                p.status,
                publication(p.id),
                skus,
                p.updatedAt,
                p.updatedBy,
                p.version);
    }
}
