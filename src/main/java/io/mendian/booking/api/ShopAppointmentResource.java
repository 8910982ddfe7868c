package io.mendian.booking.api;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.booking.app.Appointments;
import io.mendian.booking.app.Slots;
import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.store.StoreApi;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** The member's appointments (C8): book, confirm, cancel, reschedule, list. */
@Path("/api/shop/{appid}/appointments")
@Tag(name = "Shop: booking")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopAppointmentResource {

    private final Appointments appointments;
    private final Slots slots;
    private final StoreApi stores;
    private final CurrentConsumer consumer;
    private final Idempotency idempotency;

    public ShopAppointmentResource(
            Appointments appointments,
            Slots slots,
            StoreApi stores,
            CurrentConsumer consumer,
            Idempotency idempotency) {
        this.appointments = appointments;
        this.slots = slots;
        this.stores = stores;
        this.consumer = consumer;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Book a start",
            description = "Holds the place for the policy's hold minutes (status HELD, holdExpiresAt); confirm it "
                    + "before then. 409 slot-taken (with open starts nearby as alternatives) when it is full or not "
                    + "offered; at most 3 holds and 20 upcoming appointments per member, none overlapping. Send an "
                    + "Idempotency-Key: a retry returns the same booking.")
    public Response book(
            @PathParam("appid") String appid,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull BookRequest request) {
        long member = consumer.memberId();
        if (!stores.isBrowsable(request.storeId())) {
            throw ProblemException.notFound("store " + request.storeId());
        }
        return Alternatives.onTaken(
                () -> idempotency.run(
                        Idempotency.requireKey(key),
                        "booking.book",
                        request,
                        Response.Status.CREATED,
                        () -> appointments.book(member, request)),
                () -> slots.alternatives(
                        request.storeId(),
                        request.itemId(),
                        request.startsAt(),
                        request.staffId(),
                        Slots.Audience.MEMBER));
    }

    @GET
    @Operation(summary = "My appointments, latest start first")
    public Page<AppointmentView> mine(@PathParam("appid") String appid, @BeanParam PageRequest page) {
        return appointments.mine(consumer.memberId(), page);
    }

    @GET
    @Path("/{appointmentId}")
    @Operation(summary = "One of my appointments, with its timeline and check-in code")
    public AppointmentView get(@PathParam("appid") String appid, @PathParam("appointmentId") String id) {
        return appointments.get(consumer.memberId(), QueryParams.requiredId("appointmentId", id));
    }

    @POST
    @Path("/{appointmentId}/confirm")
    @Operation(
            summary = "Confirm a held booking",
            description = "409 hold-expired after the hold lapsed; a repeat answers the same.")
    public AppointmentView confirm(@PathParam("appid") String appid, @PathParam("appointmentId") String id) {
        return appointments.confirm(consumer.memberId(), QueryParams.requiredId("appointmentId", id));
    }

    @POST
    @Path("/{appointmentId}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Cancel",
            description = "Free before the brand's cut-off; after it, 409 too-late-to-cancel or a late fee "
                    + "(feeFen), as the policy says.")
    public AppointmentView cancel(
            @PathParam("appid") String appid,
            @PathParam("appointmentId") String id,
            @Valid @NotNull CancelRequest request) {
        return appointments.cancel(consumer.memberId(), QueryParams.requiredId("appointmentId", id), request.reason());
    }

    @POST
    @Path("/{appointmentId}/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Move to another start",
            description = "Same item and store, before the cut-off. All or nothing: when the new start is taken "
                    + "(409 slot-taken with alternatives) the appointment keeps its time and place.")
    public AppointmentView reschedule(
            @PathParam("appid") String appid,
            @PathParam("appointmentId") String id,
            @Valid @NotNull RescheduleRequest request) {
        long member = consumer.memberId();
        long appointment = QueryParams.requiredId("appointmentId", id);
        return Alternatives.onTaken(() -> appointments.reschedule(member, appointment, request), () -> {
            AppointmentView current = appointments.get(member, appointment);
            return slots.alternatives(
                    current.storeId(), current.itemId(), request.startsAt(), request.staffId(), Slots.Audience.MEMBER);
        });
    }
}
