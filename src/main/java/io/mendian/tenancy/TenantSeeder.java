package io.mendian.tenancy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Applies one section of an industry template (tenant-provisioning/templates) to a new brand. Each business context
 * owns the sections about its data, so that the platform never writes another context's tables.
 */
public interface TenantSeeder {

    /** The template section this seeder owns, such as {@code regions} or {@code categories}. */
    String section();

    /**
     * Applies the section to the current tenant (set by the caller with {@link Tenants#runAs}). Must be idempotent:
     * provisioning retries it after a crash. Returns a short summary for the provisioning log.
     */
    String apply(JsonNode section);
}
