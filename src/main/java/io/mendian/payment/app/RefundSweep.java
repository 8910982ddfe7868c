package io.mendian.payment.app;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.tenancy.EveryBrand;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends refunds WeChat Pay has not confirmed: recorded but not sent (WeChat Pay was unreachable, or the instance died
 * after the commit), or sent and still processing with a lost callback. One instance per firing (clustered Quartz).
 */
@ApplicationScoped
public class RefundSweep {

    private final EveryBrand brands;
    private final Tenants tenants;
    private final Refunds refunds;

    public RefundSweep(EveryBrand brands, Tenants tenants, Refunds refunds) {
        this.brands = brands;
        this.tenants = tenants;
        this.refunds = refunds;
    }

    @Scheduled(
            identity = "payment-refund-sweep",
            every = "${mendian.pay.refund-sweep-every:30s}",
            delayed = "${mendian.pay.refund-sweep-delay:30s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("refund sweep", this::sweep);
    }

    public void sweep(TenantId tenant) {
        tenants.runAs(tenant, () -> {
            for (String outRefundNo : QuarkusTransaction.requiringNew().call(() -> refunds.pending(100))) {
                try {
                    refunds.check(outRefundNo);
                } catch (RuntimeException e) {
                    Log.warnf("refund %s still not confirmed: %s", outRefundNo, e.getMessage());
                }
            }
        });
    }
}
