package io.mendian.ordering;

import io.mendian.tenancy.DomainEvent;
import io.mendian.tenancy.TenantId;

/** A store marked an order ready: its customer is told (subscription message) outside the store's transaction. */
public record OrderReady(TenantId tenant, String orderNo, long memberId, long storeId) implements DomainEvent {}
