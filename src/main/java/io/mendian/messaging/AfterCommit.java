package io.mendian.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs work once the transaction it follows is committed (cache invalidations, waking the outbox relay, calling WeChat Pay for a refund recorded in it). Dropping a cached answer before the commit lets
 * a concurrent request re-read the old row and cache it again, stale until its TTL; dropping it after cannot.
 */
@ApplicationScoped
public class AfterCommit {

    private final TransactionSynchronizationRegistry transactions;

    public AfterCommit(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code work} after the current transaction commits (not at all if it rolls back), or now without one. */
    public void run(Runnable work) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            return; // it can only roll back: there will be nothing to follow
        }
        if (status != Status.STATUS_ACTIVE) {
            work.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }

    /**
     * Runs {@code work} if the current transaction does not commit (undoing something outside it, like units taken
     * from a Redis gate); never without an active transaction, since then nothing could undo it.
     */
    public void onRollback(Runnable work) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("onRollback needs an active transaction");
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
