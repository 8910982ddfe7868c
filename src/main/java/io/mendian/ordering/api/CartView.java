package io.mendian.ordering.api;

import java.util.List;

/** The member's cart, one part per store, priced as the store sells now. */
public record CartView(List<StoreCart> stores) {

    /** What the member would buy from one store. */
    public record StoreCart(long storeId, List<Item> items, long itemsFen) {}

    /**
     * One SKU; {@code available} false when the store no longer sells it, {@code inStock} false when it has too few
     * (checkout would refuse either).
     */
    public record Item(
            long skuId,
            String skuCode,
            String productName,
            int quantity,
            Long unitPriceFen,
            Long lineFen,
            boolean available,
            boolean inStock) {}
}
