package io.mendian.booking.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.mendian.booking.app.BookingStaff;
import io.mendian.booking.app.Desk;
import io.mendian.booking.app.ServiceItems;
import io.mendian.booking.app.Slots;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.store.StoreApi;
import io.mendian.web.Idempotency;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** The store console's booking set-up: the day board, who performs which items, their shifts and open starts. */
@Path("/api/store/{storeId}/booking")
@Tag(name = "Store console: booking")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreBookingResource {

    private final BookingStaff staff;
    private final ServiceItems items;
    private final Slots slots;
    private final Desk desk;
    private final StoreApi stores;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public StoreBookingResource(
            BookingStaff staff,
            ServiceItems items,
            Slots slots,
            Desk desk,
            StoreApi stores,
            CurrentCaller caller,
            Idempotency idempotency) {
        this.staff = staff;
        this.items = items;
        this.slots = slots;
        this.desk = desk;
        this.stores = stores;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/board")
    @Requires(Capability.BOOKING_BOARD)
    @Operation(
            summary = "The day board",
            description = "Who works when and every appointment of the store's day (date in the store's calendar; "
                    + "absent: today there).")
    public BoardView board(@PathParam("storeId") long storeId, @QueryParam("date") String date) {
        return desk.board(storeId, day(storeId, date));
    }

    @GET
    @Path("/items")
    @Requires(Capability.BOOKING_BOARD)
    @Operation(summary = "The service items offered here, with who performs each")
    public List<ShopServiceItemView> items(@PathParam("storeId") long storeId) {
        return items.atStore(storeId);
    }

    @GET
    @Path("/slots")
    @Requires(Capability.BOOKING_BOARD)
    @Operation(
            summary = "Starts of an item on a day",
            description = "From now on, every start with how many more it takes and who is free; for walk-ins.")
    public DaySlotsView slots(
            @PathParam("storeId") long storeId,
            @QueryParam("itemId") String itemId,
            @QueryParam("date") String date,
            @QueryParam("staffId") String staffId) {
        return slots.day(
                storeId,
                QueryParams.requiredId("itemId", itemId),
                day(storeId, date),
                QueryParams.positiveLong("staffId", staffId),
                Slots.Audience.DESK);
    }

    @GET
    @Path("/staff")
    @Requires(Capability.BOOKING_BOARD)
    @Operation(summary = "The people who perform items here, with their shifts and coming exceptions")
    public List<StaffView> staff(@PathParam("storeId") long storeId) {
        return staff.list(storeId);
    }

    @POST
    @Path("/staff")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_SCHEDULE)
    @Operation(
            summary = "Add a person",
            description = "Name, title, the items they perform and weekly shifts (gaps are breaks, missing days are "
                    + "days off). At most 200 per store. Audited. Send an Idempotency-Key.")
    public Response addStaff(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull StaffRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key,
                "booking.staff.create:" + storeId,
                request,
                Response.Status.CREATED,
                () -> staff.create(storeId, request, who));
    }

    @PUT
    @Path("/staff/{staffId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_SCHEDULE)
    @Operation(
            summary = "Edit a person's items and shifts",
            description = "Existing appointments stand; new starts follow the new shifts. Audited.")
    public StaffView updateStaff(
            @PathParam("storeId") long storeId,
            @PathParam("staffId") String staffId,
            @Valid @NotNull StaffRequest request) {
        return staff.update(
                storeId,
                QueryParams.requiredId("staffId", staffId),
                request,
                caller.get().username());
    }

    @PUT
    @Path("/staff/{staffId}/exceptions/{date}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_SCHEDULE)
    @Operation(
            summary = "Set a day off or special hours",
            description = "Replaces the weekly shifts of that day; no intervals is a day off. Audited.")
    public StaffView setException(
            @PathParam("storeId") long storeId,
            @PathParam("staffId") String staffId,
            @PathParam("date") String date,
            @Valid @NotNull StaffExceptionRequest request) {
        return staff.setException(
                storeId,
                QueryParams.requiredId("staffId", staffId),
                QueryParams.requiredDate("date", date),
                request,
                caller.get().username());
    }

    @DELETE
    @Path("/staff/{staffId}/exceptions/{date}")
    @Requires(Capability.BOOKING_SCHEDULE)
    @Operation(summary = "Remove a day's exception", description = "The weekly shifts apply again. Audited.")
    public StaffView removeException(
            @PathParam("storeId") long storeId, @PathParam("staffId") String staffId, @PathParam("date") String date) {
        return staff.removeException(
                storeId,
                QueryParams.requiredId("staffId", staffId),
                QueryParams.requiredDate("date", date),
                caller.get().username());
    }

    private LocalDate day(long storeId, String raw) {
        LocalDate day = QueryParams.date("date", raw);
        return day != null ? day : LocalDate.now(stores.timeZone(storeId));
    }
}
