package io.mendian.catalog.api;

import java.util.List;

/** The SKU after a band change, and the store prices the new band stranded and clamped into range. */
public record BandChange(SkuView sku, List<Clamped> clamped) {

    public record Clamped(long storeId, long fromFen, long toFen) {}
}
