package io.mendian.ordering;

import io.mendian.tenancy.DomainEvent;
import io.mendian.tenancy.TenantId;

/** The customer has the goods: the order is final for earning (points), though after-sales may still refund part. */
public record OrderCompleted(TenantId tenant, String orderNo, long memberId, long storeId, long paidFen)
        implements DomainEvent {}
