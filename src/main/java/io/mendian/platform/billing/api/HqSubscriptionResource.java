package io.mendian.platform.billing.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.catalog.CatalogApi;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.OpenWhileSuspended;
import io.mendian.identity.Requires;
import io.mendian.identity.StaffAccounts;
import io.mendian.platform.billing.SubscriptionLifecycle;
import io.mendian.platform.billing.SubscriptionView;
import io.mendian.platform.billing.Subscriptions;
import io.mendian.platform.billing.UsageMeter;
import io.mendian.store.StoreApi;
import io.mendian.web.Idempotency;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;

/** HQ's own plan, usage and subscription lifecycle (P3). */
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
    private final SubscriptionLifecycle lifecycle;
    private final Idempotency idempotency;
    private final UsageMeter meter;

    public HqSubscriptionResource(
            Subscriptions subscriptions,
            StoreApi stores,
            CatalogApi catalog,
            StaffAccounts staff,
            CurrentCaller caller,
            SubscriptionLifecycle lifecycle,
            Idempotency idempotency,
            UsageMeter meter) {
        this.meter = meter;
        this.lifecycle = lifecycle;
        this.idempotency = idempotency;
        this.subscriptions = subscriptions;
        this.stores = stores;
        this.catalog = catalog;
        this.staff = staff;
        this.caller = caller;
    }

    @GET
    @Requires(Capability.BILLING_READ)
    @OpenWhileSuspended
    @Operation(
            summary = "This brand's plan, subscription status, limits, usage and next invoice estimate",
            description = "Reachable while the brand is suspended, so that HQ can see why and what to settle.")
    public SubscriptionView get() {
        return subscriptions.view(caller.get().tenant(), usage());
    }

    @GET
    @Path("/usage")
    @Requires(Capability.BILLING_READ)
    @OpenWhileSuspended
    @Operation(
            summary =
                    "Metered usage per month (level and peak of stores, staff and SKUs; orders and GMV once orders exist)",
            description =
                    "What per-store prices and plan limits were measured against, newest month first, up to 24 months.")
    public List<UsageMeter.PeriodUsage> usageHistory() {
        var tenant = caller.get().tenant();
        return QuarkusTransaction.requiringNew().call(() -> meter.history(tenant));
    }

    @POST
    @Path("/plan-change")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BILLING_MANAGE)
    @Operation(
            summary = "Switch to another self-service plan",
            description =
                    "In a trial the plan simply switches. Otherwise the rest of the month is prorated: the unused part of the old plan is "
                            + "credited and the rest of the new one charged on the next invoice. A downgrade the brand's usage does not fit is a 409 "
                            + "naming the limit. Send an Idempotency-Key.")
    public Response changePlan(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull PlanChangeRequest request) {
        var who = caller.get();
        // The usage is read from the brand's server first; the change and its key then commit on the control plane.
        Map<String, Long> usage = usage();
        return idempotency.runOnControlPlane(
                who.tenant(), key, "subscription.plan-change", request, Response.Status.OK, () -> {
                    lifecycle.changePlan(
                            who.tenant().value(), request.plan(), usage, who.username(), false, Instant.now());
                    return subscriptions.view(who.tenant(), usage);
                });
    }

    @POST
    @Path("/activation")
    @Requires(Capability.BILLING_MANAGE)
    @Operation(
            summary = "End the trial now and start paying",
            description = "Issues the first invoice for the rest of this month. Send an Idempotency-Key.")
    public Response activate(@HeaderParam(Idempotency.HEADER) String key) {
        var who = caller.get();
        Map<String, Long> usage = usage();
        return idempotency.runOnControlPlane(
                who.tenant(), key, "subscription.activate", null, Response.Status.OK, () -> {
                    lifecycle.activate(who.tenant().value(), Instant.now());
                    return subscriptions.view(who.tenant(), usage);
                });
    }

    @POST
    @Path("/cancellation")
    @Requires(Capability.BILLING_MANAGE)
    @Operation(
            summary = "Cancel the subscription",
            description =
                    "A trial ends at once; a paid subscription runs to the end of the month. The brand is then suspended and its data kept.")
    public SubscriptionView cancel() {
        var who = caller.get();
        lifecycle.cancel(who.tenant().value(), who.username(), Instant.now());
        return subscriptions.view(who.tenant(), usage());
    }

    @DELETE
    @Path("/cancellation")
    @Requires(Capability.BILLING_MANAGE)
    @Operation(summary = "Keep the subscription after all (undo a cancellation due at the end of the month)")
    public SubscriptionView keep() {
        var who = caller.get();
        lifecycle.keep(who.tenant().value(), Instant.now());
        return subscriptions.view(who.tenant(), usage());
    }

    /** Live counts from the brand's own schema: plan changes are checked against what the brand has now. */
    private Map<String, Long> usage() {
        var tenant = caller.get().tenant();
        Map<String, Long> usage = new LinkedHashMap<>();
        usage.put("stores", stores.countNotClosed());
        usage.put("skus", catalog.countSkus());
        usage.put(
                "staff", staff.findOrganization(tenant).map(staff::memberCount).orElse(0L));
        return usage;
    }
}
