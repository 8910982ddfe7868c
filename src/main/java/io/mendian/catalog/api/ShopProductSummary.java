package io.mendian.catalog.api;

import java.util.List;

/** A product in a store's list: from-price across its listed SKUs, at this store's prices. */
public record ShopProductSummary(
        long id, String name, long categoryId, List<String> images, long fromPriceFen, int skuCount) {}
