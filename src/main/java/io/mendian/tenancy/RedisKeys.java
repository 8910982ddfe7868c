package io.mendian.tenancy;

import java.util.regex.Pattern;

/**
 * Builds every Redis key. Tenant data lives under {@code t:{tenant}:...} so that no two brands can share a cache
 * entry, a GEO set or a rate-limit counter; platform keys live under {@code p:...}.
 */
public final class RedisKeys {

    private static final Pattern PART = Pattern.compile("^[A-Za-z0-9_.:/-]{1,200}$");

    private RedisKeys() {}

    public static String tenant(TenantId tenant, String... parts) {
        return join("t:" + tenant.value(), parts);
    }

    public static String platform(String... parts) {
        return join("p", parts);
    }

    private static String join(String prefix, String... parts) {
        var key = new StringBuilder(prefix);
        for (String part : parts) {
            if (part == null || !PART.matcher(part).matches()) {
                throw new IllegalArgumentException("unsafe redis key part");
            }
            key.append(':').append(part);
        }
        return key.toString();
    }
}
