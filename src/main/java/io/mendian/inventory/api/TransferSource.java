package io.mendian.inventory.api;

/** Another store of the brand that has a SKU available now: where a store can ask for it. */
public record TransferSource(long storeId, String store, long available) {}
