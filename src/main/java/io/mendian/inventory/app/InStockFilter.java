package io.mendian.inventory.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.store.NearbyStoreFilter;
import io.mendian.web.QueryParams;

/** Nearest stores that can sell the SKU now ({@code skuId}): "pick up at the nearest store that has it". */
@ApplicationScoped
public class InStockFilter implements NearbyStoreFilter {

    private final StockQueries queries;

    public InStockFilter(StockQueries queries) {
        this.queries = queries;
    }

    @Override
    public String parameter() {
        return "skuId";
    }

    @Override
    public List<Long> retain(List<Long> storeIdsNearestFirst, String value) {
        long skuId = QueryParams.requiredId("skuId", value);
        return queries.storesWithAvailable(skuId, 1, storeIdsNearestFirst);
    }
}
