package io.mendian.platform.registry;

import java.util.Optional;

import io.mendian.tenancy.TenantId;

/**
 * Which brand a mini-program appid belongs to. The mini-program sub-context implements it, so that the registry's
 * request-path directory resolves appids without depending on it.
 */
public interface AppidOwners {

    Optional<TenantId> ownerOf(String appid);
}
