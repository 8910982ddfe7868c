package io.mendian.store;

import io.mendian.tenancy.TenantId;

/** A store was created or changed; fired inside the writing transaction, observed after it commits. */
public record StoreChanged(TenantId tenant, long storeId) {}
