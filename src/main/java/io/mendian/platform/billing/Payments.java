package io.mendian.platform.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.mendian.platform.billing.persistence.InvoiceEntity;
import io.mendian.platform.billing.persistence.SubscriptionEntity;
import io.mendian.web.ProblemException;

/**
 * Records payments against invoices. The idempotency key is unique in the payment table, so a retried call returns
 * the first payment instead of paying twice; a key reused for a different payment is a 409. When nothing overdue is
 * left, a past-due or suspended subscription becomes active again and a billing suspension is lifted.
 */
@ApplicationScoped
@Transactional
public class Payments {

    /** A recorded payment. */
    public record Payment(long id, long invoiceId, long amountFen, String method, String reference, boolean replayed) {}

    private final SubscriptionLifecycle lifecycle;

    public Payments(SubscriptionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public Payment record(
            long invoiceId, long amountFen, String method, String reference, String key, String actor, Instant now) {
        InvoiceEntity found = InvoiceEntity.findById(invoiceId);
        if (found == null) {
            throw ProblemException.notFound("invoice " + invoiceId);
        }
        SubscriptionEntity subscription = SubscriptionLifecycle.lock(found.tenantId);
        var previous = replay(key);
        if (!previous.isEmpty()) {
            Object[] row = previous.get(0);
            Payment payment = new Payment(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(),
                    (String) row[3],
                    (String) row[4],
                    true);
            if (payment.invoiceId() != invoiceId || payment.amountFen() != amountFen) {
                throw ProblemException.conflict(
                        "idempotency-key-reused", "this Idempotency-Key was used for a different payment");
            }
            return payment;
        }
        // Re-read under a lock now that the brand's row is held: the copy loaded before may predate a concurrent
        // payment.
        InvoiceEntity invoice = found;
        InvoiceEntity.getEntityManager().refresh(invoice, LockModeType.PESSIMISTIC_WRITE);
        if (!"OPEN".equals(invoice.status)) {
            throw ProblemException.conflict("invoice-not-open", "invoice " + invoice.number + " is " + invoice.status);
        }
        long outstanding = invoice.totalFen - invoice.paidFen;
        if (amountFen <= 0 || amountFen > outstanding) {
            throw ProblemException.badRequest(
                            "invalid-amount", "amount must be between 1 and the outstanding " + outstanding + " fen")
                    .with("outstandingFen", outstanding);
        }
        Number id = (Number) InvoiceEntity.getEntityManager()
                .createNativeQuery(
                        "insert into platform.invoice_payment (invoice_id, amount_fen, method, "
                                + "reference, idempotency_key, recorded_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) returning id")
                .setParameter(1, invoiceId)
                .setParameter(2, amountFen)
                .setParameter(3, method)
                .setParameter(4, reference)
                .setParameter(5, key)
                .setParameter(6, actor)
                .setParameter(7, now.atOffset(ZoneOffset.UTC))
                .getSingleResult();
        invoice.paidFen += amountFen;
        if (invoice.paidFen == invoice.totalFen) {
            invoice.status = "PAID";
            invoice.paidAt = now.atOffset(ZoneOffset.UTC);
        }
        InvoiceEntity.flush();
        long stillOverdue = InvoiceEntity.count(
                "tenantId = ?1 and status = 'OPEN' and dueAt < ?2", invoice.tenantId, now.atOffset(ZoneOffset.UTC));
        if (stillOverdue == 0) {
            lifecycle.settled(subscription, now);
        }
        return new Payment(id.longValue(), invoiceId, amountFen, method, reference, false);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> replay(String key) {
        return InvoiceEntity.getEntityManager()
                .createNativeQuery("select id, invoice_id, amount_fen, method, reference from platform.invoice_payment "
                        + "where idempotency_key = ?1")
                .setParameter(1, key)
                .getResultList();
    }
}
