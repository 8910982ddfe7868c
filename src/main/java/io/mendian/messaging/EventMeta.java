package io.mendian.messaging;

import java.time.Instant;
import java.util.UUID;

/** The envelope of a delivered event: its id (the deduplication key) and when it happened. */
public record EventMeta(UUID eventId, Instant occurredAt) {}
