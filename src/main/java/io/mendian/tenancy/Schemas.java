package io.mendian.tenancy;

import java.util.regex.Pattern;

/** The one place that turns a tenant into a schema name, whitelisted before it is used in SQL. */
public final class Schemas {

    /** Control-plane schema: tenant registry, signup jobs, billing. */
    public static final String PLATFORM = "platform";
    /**
     * What the tenant resolver answers when no tenant is set. It holds no business tables, so a query that somehow
     * runs without a tenant fails instead of reading someone's data.
     */
    public static final String NO_TENANT = "no_tenant";

    private static final Pattern SAFE = Pattern.compile("^[a-z][a-z0-9_]{2,40}$");

    private Schemas() {}

    public static String tenantSchema(TenantId tenant) {
        return requireSafe("t_" + tenant.value().replace('-', '_'));
    }

    /** The brand whose schema this is, if it is a brand's schema name at all. */
    public static java.util.Optional<TenantId> tenantOf(String schema) {
        if (schema == null || !schema.startsWith("t_")) {
            return java.util.Optional.empty();
        }
        String slug = schema.substring(2).replace('_', '-');
        return TenantId.isValid(slug) ? java.util.Optional.of(new TenantId(slug)) : java.util.Optional.empty();
    }

    /** Throws unless the name is a plain lower-case identifier, so that quoting it into DDL cannot inject. */
    public static String requireSafe(String schema) {
        if (schema == null || !SAFE.matcher(schema).matches()) {
            throw new IllegalArgumentException("unsafe schema name");
        }
        return schema;
    }
}
