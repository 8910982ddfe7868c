package io.mendian.tenancy;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Runs a background job's work once per serving brand, as that brand. One brand's failure (a schema being migrated,
 * say) is logged and does not stop the others: their stock must still return and their refunds still go out.
 */
@ApplicationScoped
public class EveryBrand {

    private final TenantDirectory directory;
    private final Tenants tenants;

    public EveryBrand(TenantDirectory directory, Tenants tenants) {
        this.directory = directory;
        this.tenants = tenants;
    }

    public void run(String job, Consumer<TenantId> work) {
        for (TenantId tenant : directory.serving()) {
            try {
                tenants.runAs(tenant, () -> work.accept(tenant));
            } catch (RuntimeException e) {
                Log.warnf(e, "%s failed for %s", job, tenant.value());
            }
        }
    }
}
