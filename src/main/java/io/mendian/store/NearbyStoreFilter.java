package io.mendian.store;

import java.util.List;

/**
 * Extension point for nearest-store search: narrows candidate stores (nearest first) to those that can serve a
 * request, such as "has this SKU in stock". The inventory context implements it for {@code skuId}; with no
 * implementation the filter is rejected as unsupported rather than silently ignored.
 */
public interface NearbyStoreFilter {

    /** The query parameter this filter reads, for example {@code skuId}. */
    String parameter();

    /** The candidates that pass, in the given order. */
    List<Long> retain(List<Long> storeIdsNearestFirst, String value);
}
