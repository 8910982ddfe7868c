package io.mendian.tenancy;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

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

    /** Set once; a second, different tenant in the same unit of work is a bug and fails loudly. */
    public void set(TenantId next) {
        if (tenant != null && !tenant.equals(next)) {
            throw new IllegalStateException("tenant already set for this unit of work");
        }
        tenant = next;
    }

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
