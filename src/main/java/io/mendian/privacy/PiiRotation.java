package io.mendian.privacy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import io.mendian.tenancy.EveryBrand;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Key rotation (X3): after a new primary key is configured, new writes use it at once and old values keep opening;
 * this clustered job re-seals every old value under the new key, a batch per transaction, rows locked with SKIP
 * LOCKED so that it never waits on a checkout. When it has nothing left, the old key can be disabled.
 */
@ApplicationScoped
public class PiiRotation {

    static final int BATCH = 200;

    private final EveryBrand brands;
    private final Instance<SealedColumns> columns;
    private final PiiVault vault;
    private final EntityManager em;

    public PiiRotation(EveryBrand brands, Instance<SealedColumns> columns, PiiVault vault, EntityManager em) {
        this.brands = brands;
        this.columns = columns;
        this.vault = vault;
        this.em = em;
    }

    @Scheduled(
            identity = "privacy-pii-rotation",
            every = "${mendian.pii.rotation-every:6h}",
            delayed = "${mendian.pii.rotation-delay:120s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("pii rotation", tenant -> {
            int resealed = resealAll();
            if (resealed > 0) {
                Log.infof("re-sealed %d personal values of %s under key %s", resealed, tenant, vault.currentPrefix());
            }
        });
    }

    /** Re-seals every value of the current brand not sealed under the current key; returns how many. */
    public int resealAll() {
        int total = 0;
        for (SealedColumns owner : columns) {
            int legacy;
            do {
                legacy = QuarkusTransaction.requiringNew().call(() -> owner.sealLegacy(BATCH));
                total += legacy;
            } while (legacy == BATCH);
            for (SealedColumns.Column column : owner.sealedColumns()) {
                int done;
                do {
                    done = QuarkusTransaction.requiringNew().call(() -> reseal(column));
                    total += done;
                } while (done == BATCH);
            }
        }
        return total;
    }

    private int reseal(SealedColumns.Column c) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("select " + c.idColumn() + ", " + c.column() + " from " + c.table()
                        + " where " + c.column() + " is not null and " + c.column() + " not like ?1 limit " + BATCH
                        + " for update skip locked")
                .setParameter(1, vault.currentPrefix() + "%")
                .getResultList();
        for (Object[] row : due) {
            String plain = vault.open((String) row[1], c.purpose());
            em.createNativeQuery("update " + c.table() + " set " + c.column() + " = ?1 where " + c.idColumn() + " = ?2")
                    .setParameter(1, vault.seal(plain, c.purpose()))
                    .setParameter(2, row[0])
                    .executeUpdate();
        }
        return due.size();
    }
}
