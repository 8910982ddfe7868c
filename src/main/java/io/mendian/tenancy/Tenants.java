package io.mendian.tenancy;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Runs background work (jobs, message consumers, the outbox relay, provisioning) as one tenant, inside its own
 * request context, so that the tenant can never leak into the next piece of work on the same thread.
 *
 * <p>Inside an HTTP request (an operator view that visits several brands) the request context already exists and
 * its Hibernate session is bound to the schema it opened with: do each brand's work in a new transaction
 * ({@code QuarkusTransaction.requiringNew()}) so that a fresh session resolves that brand's schema.
 */
@ApplicationScoped
public class Tenants {

    public <T> T runAs(TenantId tenant, Supplier<T> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            // Nested inside an existing unit of work: only allowed for the same tenant (TenantContext.set enforces it).
            TenantContext context =
                    Arc.container().instance(TenantContext.class).get();
            boolean wasEmpty = context.current().isEmpty();
            context.set(tenant);
            try {
                return logged(tenant, work);
            } finally {
                if (wasEmpty) {
                    context.clear();
                }
            }
        }
        requestContext.activate();
        try {
            Arc.container().instance(TenantContext.class).get().set(tenant);
            return logged(tenant, work);
        } finally {
            requestContext.terminate();
        }
    }

    /** The work with the brand in the logging context (logs and business metrics read it there), restored after. */
    private static <T> T logged(TenantId tenant, Supplier<T> work) {
        Object previous = MDC.get("tenant");
        MDC.put("tenant", tenant.value());
        try {
            return work.get();
        } finally {
            if (previous == null) {
                MDC.remove("tenant");
            } else {
                MDC.put("tenant", previous);
            }
        }
    }

    public void runAs(TenantId tenant, Runnable work) {
        runAs(tenant, () -> {
            work.run();
            return null;
        });
    }
}
