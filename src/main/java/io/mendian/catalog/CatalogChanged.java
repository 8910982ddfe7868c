package io.mendian.catalog;

import io.mendian.tenancy.TenantId;

/**
 * Catalogue data changed: brand-wide when {@code storeId} is null (products, SKUs, categories, publication), or
 * one store's listings and prices. Fired inside the writing transaction, observed after it commits.
 */
public record CatalogChanged(TenantId tenant, Long storeId) {}
