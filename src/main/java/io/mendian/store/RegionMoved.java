package io.mendian.store;

import java.util.List;

import io.mendian.tenancy.TenantId;

/**
 * A region moved under another parent, taking these stores (its whole subtree's) under other ancestors: what
 * region-wide publications reach changed for them, though nothing about the stores themselves did. Fired inside the
 * writing transaction, observed after it commits.
 */
public record RegionMoved(TenantId tenant, List<Long> storeIds) {
    public RegionMoved {
        storeIds = List.copyOf(storeIds);
    }
}
