package io.mendian.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.tenancy.DomainEvent;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.amqp.IncomingAmqpMetadata;

/**
 * Receives domain events from the broker and hands each to the handlers of its type, once per handler: the pair
 * (handler, event id) is inserted in the same transaction as the handler's work, in the event's tenant, and a
 * redelivered event finds it and is skipped. A handler that fails rolls its work back and the message is returned to
 * the broker for redelivery.
 */
@ApplicationScoped
public class InboundEvents {

    private final Instance<EventHandler<?>> handlers;
    private final ObjectMapper json;
    private final Tenants tenants;
    private final EntityManager em;
    private final EntityManager platform;

    public InboundEvents(
            Instance<EventHandler<?>> handlers,
            ObjectMapper json,
            Tenants tenants,
            EntityManager em,
            @PersistenceUnit("platform") EntityManager platform) {
        this.handlers = handlers;
        this.json = json;
        this.tenants = tenants;
        this.em = em;
        this.platform = platform;
    }

    @Incoming("domain-events-in")
    @Blocking
    public CompletionStage<Void> receive(Message<String> message) {
        try {
            var amqp = message.getMetadata(IncomingAmqpMetadata.class).orElseThrow();
            var properties = amqp.getProperties();
            String type = properties.getString("type");
            TenantId tenant = new TenantId(properties.getString("tenant"));
            String occurred = properties.getString("occurredAt");
            EventMeta meta = new EventMeta(
                    UUID.fromString(String.valueOf(amqp.getId())),
                    occurred == null ? Instant.now() : Instant.parse(occurred));
            for (EventHandler<?> handler : matching(type)) {
                deliver(handler, tenant, message.getPayload(), meta);
            }
            return message.ack();
        } catch (RuntimeException e) {
            Log.warnf(e, "domain event handling failed; returned to the broker");
            return message.nack(e);
        }
    }

    private List<EventHandler<?>> matching(String type) {
        return handlers.stream()
                .filter(h -> EventTypes.name(h.type()).equals(type))
                .toList();
    }

    private <E extends DomainEvent> void deliver(
            EventHandler<E> handler, TenantId tenant, String payload, EventMeta meta) {
        E event;
        try {
            event = json.readValue(payload, handler.type());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable " + handler.type().getSimpleName() + " " + meta.eventId(), e);
        }
        if (handler.controlPlane()) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (firstTime(platform, handler, meta)) {
                    handler.handle(event, meta);
                }
            });
            return;
        }
        tenants.runAs(
                tenant,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    if (firstTime(em, handler, meta)) {
                        handler.handle(event, meta);
                    }
                }));
    }

    /** Records (handler, event id) in the transaction of the handler's work; false when it was recorded before. */
    private static boolean firstTime(EntityManager on, EventHandler<?> handler, EventMeta meta) {
        return on.createNativeQuery("insert into platform.consumed_event (handler, event_id) values (?1, ?2) "
                                + "on conflict do nothing")
                        .setParameter(1, handler.name())
                        .setParameter(2, meta.eventId())
                        .executeUpdate()
                == 1;
    }
}
