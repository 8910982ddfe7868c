package io.mendian.tenancy;

import java.util.regex.Pattern;

/**
 * A brand's id: its signup slug, also its Keycloak organization alias. It is validated here, once, before it can
 * ever reach SQL, a Redis key or a log line; everything downstream may trust it.
 */
public record TenantId(String value) {

    private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{2,30}$");

    public TenantId {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid tenant id");
        }
    }

    public static boolean isValid(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    /** Schema holding the brand's business data. Hyphens become underscores: slugs have no underscores, so this is injective. */
    public String schema() {
        return Schemas.tenantSchema(this);
    }

    @Override
    public String toString() {
        return value;
    }
}
