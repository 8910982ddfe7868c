package io.mendian.tenancy;

/**
 * A domain change that moves something the SaaS bills or limits. Contexts fire it inside the writing transaction; it
 * goes through the outbox and the broker to the platform's meter, so a rolled-back change is never metered and a
 * committed one always is. Business contexts therefore
 * never call billing, and billing never reads their tables.
 *
 * @param value for a {@link Kind#GAUGE} the brand's new total (stores, staff, SKUs); for a {@link Kind#COUNTER} the
 *              amount to add (orders, GMV in fen), negative for a reversal (a refund takes its GMV back)
 */
public record UsageChanged(TenantId tenant, Metric metric, Kind kind, long value) implements DomainEvent {

    /** What is metered; the key is how it appears in APIs and in the meter table. */
    public enum Metric {
        STORES("stores"),
        STAFF("staff"),
        SKUS("skus"),
        ORDERS("orders"),
        GMV_FEN("gmvFen"),
        /** The platform's share taken by WeChat Pay profit sharing (its income from the brand's orders). */
        PLATFORM_FEE_FEN("platformFeeFen");

        private final String key;

        Metric(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** A gauge reports a level (peak per period is kept); a counter accumulates within the period. */
    public enum Kind {
        GAUGE,
        COUNTER
    }

    public UsageChanged {
        if (tenant == null || metric == null || kind == null) {
            throw new IllegalArgumentException("tenant, metric and kind are required");
        }
        if (value < 0 && kind == Kind.GAUGE) {
            throw new IllegalArgumentException("a level cannot be negative");
        }
    }

    public static UsageChanged level(TenantId tenant, Metric metric, long total) {
        return new UsageChanged(tenant, metric, Kind.GAUGE, total);
    }

    public static UsageChanged add(TenantId tenant, Metric metric, long amount) {
        return new UsageChanged(tenant, metric, Kind.COUNTER, amount);
    }
}
