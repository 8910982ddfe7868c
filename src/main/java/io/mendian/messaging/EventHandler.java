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
}
