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

    /** Throws unless the name is a plain lower-case identifier, so that quoting it into DDL cannot inject. */
    public static String requireSafe(String schema) {
        if (schema == null || !SAFE.matcher(schema).matches()) {
            throw new IllegalArgumentException("unsafe schema name");
        }
        return schema;
    }
}
