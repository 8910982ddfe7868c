package io.mendian.identity;

import java.util.Optional;

/**
 * What the policy needs to know about a store to decide region scope. Implemented by the store context in the
 * current tenant's schema, so that identity never reads store tables itself.
 */
public interface StoreLocator {

    /** The region of the store, if the store exists in the current tenant; empty region when it has none. */
    Optional<Optional<Long>> regionOf(long storeId);

    /** Whether {@code regionId} is {@code ancestorId} or lies in its subtree. */
    boolean isWithin(long regionId, long ancestorId);
}
