package io.mendian.booking.course;

import io.mendian.tenancy.DomainEvent;
import io.mendian.tenancy.TenantId;

/**
 * A seat came free and went to the first member waiting, as an enrolment of their own (held until paid, or confirmed
 * for a free course): the member is told outside the transaction that gave it.
 */
public record SeatOffered(TenantId tenant, long enrolmentId, long memberId) implements DomainEvent {}
