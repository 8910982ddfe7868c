package io.mendian.platform.registry;

import java.time.OffsetDateTime;

/** A brand as the SaaS operator sees it. */
public record TenantView(
        String id,
        String name,
        String industry,
        String plan,
        String status,
        String statusReason,
        String adminEmail,
        String schema,
        String shard,
        String migrationVersion,
        String migrationError,
        OffsetDateTime migratedAt,
        String subscriptionStatus,
        OffsetDateTime trialEndsAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
