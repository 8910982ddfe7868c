package io.mendian.catalog.api;

import java.util.Map;

/** A SKU as HQ sees it. */
public record SkuView(
        long id,
        long productId,
        String code,
        String barcode,
        Map<String, String> specs,
        long basePriceFen,
        long minPriceFen,
        long maxPriceFen,
        long version) {}
