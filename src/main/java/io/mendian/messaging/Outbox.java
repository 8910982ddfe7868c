package io.mendian.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.tenancy.DomainEvent;

/**
 * Writes every {@link DomainEvent} fired in a transaction to {@code platform.outbox} in that same transaction, so the
 * event exists exactly when the change that caused it committed: a rolled-back change publishes nothing, and a crash
 * after commit loses nothing. The relay is woken after commit, so events usually leave within milliseconds.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final AfterCommit afterCommit;

    public Outbox(
            EntityManager em,
            ObjectMapper json,
            TransactionSynchronizationRegistry transactions,
            OutboxRelay relay,
            AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
        this.em = em;
        this.json = json;
        this.transactions = transactions;
        this.relay = relay;
    }

    void store(@Observes DomainEvent event) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            // Without a transaction the event could be stored while the change it reports is not: refuse loudly.
            throw new IllegalStateException(event.getClass().getSimpleName()
                    + " fired outside a transaction; fire domain events while writing");
        }
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialize " + event.getClass().getName(), e);
        }
        em.createNativeQuery("insert into platform.outbox (event_id, tenant_id, type, payload, occurred_at) "
                        + "values (?1, ?2, ?3, cast(?4 as jsonb), now())")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, event.tenant().value())
                .setParameter(3, EventTypes.name(event.getClass()))
                .setParameter(4, payload)
                .executeUpdate();
        if (transactions.getResource(Outbox.class) != null) {
            return; // this transaction already wakes the relay when it commits
        }
        transactions.putResource(Outbox.class, Boolean.TRUE);
        afterCommit.run(relay::wake);
    }
}
