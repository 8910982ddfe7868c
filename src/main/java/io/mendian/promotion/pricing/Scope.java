package io.mendian.promotion.pricing;

import java.util.Set;

/** Which lines a discount may touch: every line, or lines whose SKU or category is listed. */
public record Scope(Set<Long> skuIds, Set<Long> categoryIds) {
    public static final Scope ALL = new Scope(Set.of(), Set.of());

    public Scope {
        skuIds = Set.copyOf(skuIds == null ? Set.of() : skuIds);
        categoryIds = Set.copyOf(categoryIds == null ? Set.of() : categoryIds);
    }

    public boolean all() {
        return skuIds.isEmpty() && categoryIds.isEmpty();
    }

    boolean covers(PriceLine line) {
        return all()
                || skuIds.contains(line.skuId())
                || (line.categoryId() != null && categoryIds.contains(line.categoryId()));
    }
}
