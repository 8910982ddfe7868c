package io.mendian.ordering;

import io.mendian.tenancy.DomainEvent;
import io.mendian.tenancy.TenantId;

/**
 * An order placed for something another context sells (a booking, later a class) was paid: its owner, named by the
 * reference ({@code booking:<id>}), confirms what it holds. Published with the paid transition through the outbox.
 */
public record OrderPaid(TenantId tenant, String orderNo, long memberId, long storeId, String reference)
        implements DomainEvent {}
