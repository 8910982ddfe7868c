package io.mendian.messaging;

import io.mendian.tenancy.DomainEvent;

/**
 * Handles one kind of domain event coming back from the broker. Each event reaches each handler once: the dispatcher
 * records (handler, event id) in the same transaction as the handler's work, in the event's tenant, and skips events
 * it already recorded.
 */
public interface EventHandler<E extends DomainEvent> {

    /** Stable name of the handler, part of the deduplication key; renaming it replays nothing but forgets history. */
    String name();

    Class<E> type();

    void handle(E event, EventMeta meta);

    /**
     * Whether the handler writes the control plane rather than the event's brand: it then runs outside the brand's
     * unit of work and its deduplication row is written on the control plane's server, in its transaction (a brand's
     * schema may be on another server, and one transaction never spans two; docs/adr/0022).
     */
    default boolean controlPlane() {
        return false;
    }
}
