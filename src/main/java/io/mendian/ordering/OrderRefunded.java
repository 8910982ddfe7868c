package io.mendian.ordering;

import io.mendian.tenancy.DomainEvent;
import io.mendian.tenancy.TenantId;

/** WeChat Pay confirmed a refund of part or all of an order: what was earned on the refunded part is reversed. */
public record OrderRefunded(
        TenantId tenant, String orderNo, long memberId, long storeId, long refundFen, long paidFen, String refundNo)
        implements DomainEvent {}
