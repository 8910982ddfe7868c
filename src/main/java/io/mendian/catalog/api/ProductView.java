package io.mendian.catalog.api;

import java.time.OffsetDateTime;
import java.util.List;

/** A product as HQ sees it, with SKUs and publication. */
public record ProductView(
        long id,
        String code,
        String name,
        long categoryId,
        String description,
        List<String> images,
        String status,
        Publication publication,
        List<SkuView> skus,
        OffsetDateTime updatedAt,
        String updatedBy,
        long version) {}
