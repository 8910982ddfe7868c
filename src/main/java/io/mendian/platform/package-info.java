/**
 * The control plane, in the {@code platform} schema: the tenant registry, self-service signup and its provisioning
 * saga, the appid registry, subscriptions and the operator API. May depend on tenancy, identity and web; talks to
 * business contexts only through tenancy's seeder SPI.
 */
package io.mendian.platform;
