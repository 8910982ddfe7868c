/**
 * The brand's catalogue: categories, products (SPU) and SKUs with HQ price bands, publication to all stores, regions
 * or chosen stores, and each store's listing and price inside the band. Consumer browsing is served from a
 * brand-namespaced Redis cache invalidated after every committed change. Depends on store (through StoreApi).
 */
package io.mendian.catalog;
