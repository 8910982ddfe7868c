package io.mendian.store.api;

import java.time.OffsetDateTime;

/** A node of the region tree. */
public record RegionView(
        long id, Long parentId, String code, String name, OffsetDateTime updatedAt, String updatedBy, long version) {}
