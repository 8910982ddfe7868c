package io.mendian.catalog.api;

import java.util.List;
import java.util.Map;

/** A product page in one store: its listed SKUs at this store's prices. */
public record ShopProductDetail(
        long id, String name, long categoryId, String description, List<String> images, List<Sku> skus) {

    public record Sku(long id, String code, Map<String, String> specs, long priceFen) {}
}
