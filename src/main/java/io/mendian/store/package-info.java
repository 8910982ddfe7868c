/**
 * Stores and regions of one brand: codes, addresses, GCJ-02 coordinates, status and the region tree. Lives in
 * the brand's schema. Other contexts use {@link io.mendian.store.StoreApi}; may depend on tenancy, identity, web.
 */
package io.mendian.store;
