package io.mendian.tenancy;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.opentelemetry.api.trace.Span;

/**
 * The tenant of the current unit of work. Filled once per request from a verified token or the appid registry,
 * or by {@link Tenants#runAs} for background work; never from a free header or path segment.
 */
@RequestScoped
public class TenantContext {

    private TenantId tenant;

    public Optional<TenantId> current() {
        return Optional.ofNullable(tenant);
    }

    public TenantId require() {
        if (tenant == null) {
            throw new NoTenantException();
        }
        return tenant;
    }

    /**
     * Set once; a second, different tenant in the same unit of work is a bug and fails loudly. The brand also goes on
     * the current trace span (a no-op unless tracing is on), so that a trace can be found by brand.
     */
    public void set(TenantId next) {
        if (tenant != null && !tenant.equals(next)) {
            throw new IllegalStateException("tenant already set for this unit of work");
        }
        tenant = next;
        Span.current().setAttribute(BRAND_ATTRIBUTE, next.value());
    }

    /** The span attribute naming the brand a unit of work ran for. */
    public static final String BRAND_ATTRIBUTE = "mendian.brand";

    void clear() {
        tenant = null;
    }

    /** Raised when tenant data is touched with no tenant selected. */
    public static final class NoTenantException extends RuntimeException {
        public NoTenantException() {
            super("no tenant selected for this unit of work");
        }
    }
}
