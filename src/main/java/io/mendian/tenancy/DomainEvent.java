package io.mendian.tenancy;

/**
 * A fact another context may act on, possibly on another instance. Firing one as a CDI event inside the writing
 * transaction is all a context does: the outbox ({@code io.mendian.messaging}) stores it in the same transaction, the relay publishes it to the
 * broker after commit, and event handlers receive it at least once (deduplicated by event id).
 */
public interface DomainEvent {

    TenantId tenant();
}
