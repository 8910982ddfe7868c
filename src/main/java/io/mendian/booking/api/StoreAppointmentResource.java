package io.mendian.booking.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.booking.app.Desk;
import io.mendian.booking.app.Slots;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.web.Idempotency;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** The store console's appointment desk (C8): walk-ins, check-in by code, no-shows, completion, cancelling. */
@Path("/api/store/{storeId}/appointments")
@Tag(name = "Store console: booking")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreAppointmentResource {

    private final Desk desk;
    private final Slots slots;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public StoreAppointmentResource(Desk desk, Slots slots, CurrentCaller caller, Idempotency idempotency) {
        this.desk = desk;
        this.slots = slots;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_DESK)
    @Operation(
            summary = "Book a walk-in",
            description = "Confirmed at once (checkIn=true: here now). Any five-minute mark from now on, never past "
                    + "capacity: 409 slot-taken with open starts nearby. Send an Idempotency-Key.")
    public Response walkIn(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull WalkInRequest request) {
        String who = caller.get().username();
        return Alternatives.onTaken(
                () -> idempotency.run(
                        key,
                        "booking.walk-in:" + storeId,
                        request,
                        Response.Status.CREATED,
                        () -> desk.walkIn(storeId, request, who)),
                () -> request.startsAt() == null
                        ? java.util.List.of()
                        : slots.alternatives(
                                storeId, request.itemId(), request.startsAt(), request.staffId(), Slots.Audience.DESK));
    }

    @POST
    @Path("/check-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_DESK)
    @Operation(
            summary = "Check in by the member's code",
            description = "From the policy's window before the start until the end; a repeat answers the same.")
    public AppointmentView checkIn(@PathParam("storeId") long storeId, @Valid @NotNull CheckInRequest request) {
        return desk.checkIn(storeId, request.code(), caller.get().username());
    }

    @POST
    @Path("/{appointmentId}/no-show")
    @Requires(Capability.BOOKING_DESK)
    @Operation(
            summary = "Mark a no-show",
            description = "From the policy's minutes after the start; the rest of the time is free again.")
    public AppointmentView noShow(@PathParam("storeId") long storeId, @PathParam("appointmentId") String id) {
        return desk.noShow(
                storeId,
                QueryParams.requiredId("appointmentId", id),
                caller.get().username());
    }

    @POST
    @Path("/{appointmentId}/complete")
    @Requires(Capability.BOOKING_DESK)
    @Operation(summary = "Complete a checked-in appointment")
    public AppointmentView complete(@PathParam("storeId") long storeId, @PathParam("appointmentId") String id) {
        return desk.complete(
                storeId,
                QueryParams.requiredId("appointmentId", id),
                caller.get().username());
    }

    @POST
    @Path("/{appointmentId}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_DESK)
    @Operation(
            summary = "Cancel for the member",
            description = "A held or confirmed appointment; never a fee; the reason is required and shown to the "
                    + "member.")
    public AppointmentView cancel(
            @PathParam("storeId") long storeId,
            @PathParam("appointmentId") String id,
            @Valid @NotNull CancelRequest request) {
        return desk.cancel(
                storeId,
                QueryParams.requiredId("appointmentId", id),
                request.reason(),
                caller.get().username());
    }
}
