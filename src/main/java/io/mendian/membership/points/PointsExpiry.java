package io.mendian.membership.points;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.tenancy.EveryBrand;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/** Expires points past their date, each lot once, on Quartz's clustered store (one instance per firing). */
@ApplicationScoped
public class PointsExpiry {

    private static final int BATCH = 200;

    private final EveryBrand brands;
    private final PointsLedger ledger;

    public PointsExpiry(EveryBrand brands, PointsLedger ledger) {
        this.brands = brands;
        this.ledger = ledger;
    }

    @Scheduled(
            identity = "membership-points-expiry",
            every = "${mendian.membership.points-expiry-every:1h}",
            delayed = "${mendian.membership.points-expiry-delay:60s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("points expiry", tenant -> expireAll());
    }

    /** Expires every due lot of the current brand, in batches of their own transactions. */
    public int expireAll() {
        int total = 0;
        int expired;
        do {
            expired = QuarkusTransaction.requiringNew().call(() -> ledger.expireDue(BATCH));
            total += expired;
        } while (expired == BATCH);
        return total;
    }
}
