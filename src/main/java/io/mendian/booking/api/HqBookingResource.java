package io.mendian.booking.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.booking.app.BookingPolicies;
import io.mendian.booking.app.BookingReports;
import io.mendian.booking.app.ServiceItems;
import io.mendian.identity.AccessPolicy;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.store.StoreApi;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's service items and booking policy (C8). */
@Path("/api/hq/booking")
@Tag(name = "HQ: booking")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqBookingResource {

    private final ServiceItems items;
    private final BookingPolicies policies;
    private final CurrentCaller caller;
    private final Idempotency idempotency;
    private final BookingReports reports;
    private final StoreApi stores;
    private final AccessPolicy policy;

    public HqBookingResource(
            ServiceItems items,
            BookingPolicies policies,
            CurrentCaller caller,
            Idempotency idempotency,
            BookingReports reports,
            StoreApi stores,
            AccessPolicy policy) {
        this.items = items;
        this.policies = policies;
        this.caller = caller;
        this.idempotency = idempotency;
        this.reports = reports;
        this.stores = stores;
        this.policy = policy;
    }

    @GET
    @Path("/items")
    @Requires(Capability.BOOKING_READ)
    @Operation(summary = "Service items, by code", description = "status=ACTIVE or RETIRED narrows the list.")
    public Page<ServiceItemView> items(@QueryParam("status") String status, @BeanParam PageRequest page) {
        return items.list(status == null || status.isBlank() ? null : status.trim(), page);
    }

    @POST
    @Path("/items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_MANAGE)
    @Operation(
            summary = "Create a service item",
            description = "Duration, price, capacity per store and the stores that offer it (absent: every store). "
                    + "409 code-taken. Audited. Send an Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull ServiceItemRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "booking.item.create", request, Response.Status.CREATED, () -> items.create(request, who));
    }

    @GET
    @Path("/items/{serviceItemId}")
    @Requires(Capability.BOOKING_READ)
    @Operation(summary = "One service item")
    public ServiceItemView item(@PathParam("serviceItemId") String itemId) {
        return items.get(QueryParams.requiredId("serviceItemId", itemId));
    }

    @PUT
    @Path("/items/{serviceItemId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_MANAGE)
    @Operation(
            summary = "Edit a service item",
            description = "Existing appointments keep their time and price; active=false retires the item. Audited.")
    public ServiceItemView update(
            @PathParam("serviceItemId") String itemId, @Valid @NotNull ServiceItemRequest request) {
        return items.update(
                QueryParams.requiredId("serviceItemId", itemId),
                request,
                caller.get().username());
    }

    @GET
    @Path("/report")
    @Requires(Capability.BOOKING_READ)
    @Operation(
            summary = "Utilisation and no-shows",
            description = "Over the stores in the caller's scope, from one day to another of each store's calendar "
                    + "(at most 92 days; default the last 7): appointments, completed, no-shows, cancelled, booked "
                    + "minutes against minutes on shift (utilisation) and the no-show rate, by store, by person and "
                    + "by hour of the day.")
    public BookingReportView report(@QueryParam("from") String from, @QueryParam("to") String to) {
        java.time.LocalDate end = QueryParams.date("to", to);
        end = end != null ? end : java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        java.time.LocalDate start = QueryParams.date("from", from);
        start = start != null ? start : end.minusDays(6);
        return reports.report(start, end, stores.storeIdsIn(policy.storeFilter(caller.get(), Capability.BOOKING_READ)));
    }

    @GET
    @Path("/policy")
    @Requires(Capability.BOOKING_READ)
    @Operation(summary = "The booking policy", description = "The defaults until HQ saves its own.")
    public BookingPolicy policy() {
        return policies.current();
    }

    @PUT
    @Path("/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_MANAGE)
    @Operation(
            summary = "Save the booking policy",
            description = "Slot spacing, how long a hold lasts, the cancellation cut-off and what happens after it "
                    + "(REFUSED, or FEE with its amount), the horizon, check-in and no-show windows, reminders. "
                    + "Audited.")
    public BookingPolicy savePolicy(@Valid @NotNull BookingPolicy request) {
        return policies.save(request, caller.get().username());
    }
}
