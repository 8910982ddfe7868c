package io.mendian.platform.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.catalog.CatalogApi;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.identity.StaffAccounts;
import io.mendian.platform.registry.Subscriptions;
import io.mendian.store.StoreApi;
import io.quarkus.security.Authenticated;

/** HQ's view of its own plan and usage (P3). */
@Path("/api/hq/subscription")
@Tag(name = "HQ: plan and billing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqSubscriptionResource {

    private final Subscriptions subscriptions;
    private final StoreApi stores;
    private final CatalogApi catalog;
    private final StaffAccounts staff;
    private final CurrentCaller caller;

    public HqSubscriptionResource(Subscriptions subscriptions, StoreApi stores, CatalogApi catalog, StaffAccounts staff, CurrentCaller caller) {
        this.subscriptions = subscriptions;
        this.stores = stores;
        this.catalog = catalog;
        this.staff = staff;
        this.caller = caller;
    }

    @GET
    @Requires(Capability.BILLING_READ)
    @Operation(summary = "This brand's plan, subscription status, limits and current usage")
    public SubscriptionView get() {
        var tenant = caller.get().tenant();
        Map<String, Long> usage = new LinkedHashMap<>();
        usage.put("stores", stores.countNotClosed());
        usage.put("skus", catalog.countSkus());
        usage.put("staff", staff.findOrganization(tenant).map(staff::memberCount).orElse(0L));
        return subscriptions.view(tenant, usage);
    }

}
