package io.mendian.catalog.api;

/** One SKU as the store console sees it: the band it must respect and what it has chosen. */
public record StoreCatalogItem(
        long skuId,
        String skuCode,
        long productId,
        String productName,
        long categoryId,
        long basePriceFen,
        long minPriceFen,
        long maxPriceFen,
        boolean listed,
        Long storePriceFen,
        long effectivePriceFen) {}
