package io.mendian.tenancy;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;

/**
 * The only Hibernate tenant resolver: the default persistence unit is {@code multitenant=SCHEMA}, and the tenant
 * identifier it returns is the schema name itself. With no tenant it fails closed to an empty schema.
 */
@PersistenceUnitExtension
@RequestScoped
public class SchemaTenantResolver implements TenantResolver {

    private final TenantContext context;

    public SchemaTenantResolver(TenantContext context) {
        this.context = context;
    }

    @Override
    public String getDefaultTenantId() {
        return Schemas.NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return context.current().map(TenantId::schema).orElse(Schemas.NO_TENANT);
    }
}
