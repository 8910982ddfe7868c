package io.mendian.platform.registry;

/** Where a brand stands in the registry: PROVISIONING until its signup job activates it; then ACTIVE or SUSPENDED. */
public enum BrandStatus {
    PROVISIONING,
    ACTIVE,
    SUSPENDED
}
