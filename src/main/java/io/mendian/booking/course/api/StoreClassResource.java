package io.mendian.booking.course.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.booking.course.app.Classroom;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.store.StoreApi;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** The store console's classes (C13): the day's sessions with their rosters, and check-in by the learner's code. */
@Path("/api/store/{storeId}/classes")
@Tag(name = "Store console: classes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreClassResource {

    private final Classroom classroom;
    private final CurrentCaller caller;
    private final StoreApi stores;

    public StoreClassResource(Classroom classroom, CurrentCaller caller, StoreApi stores) {
        this.classroom = classroom;
        this.caller = caller;
        this.stores = stores;
    }

    @GET
    @Requires(Capability.BOOKING_BOARD)
    @Operation(
            summary = "The sessions of a day",
            description = "day=YYYY-MM-DD on the store's calendar (default today), each session with its learners and "
                    + "who has checked in.")
    public List<RosterView> day(@PathParam("storeId") long storeId, @QueryParam("day") String day) {
        LocalDate date = QueryParams.date("day", day);
        return classroom.day(storeId, date != null ? date : LocalDate.now(stores.timeZone(storeId)));
    }

    @GET
    @Path("/sessions/{sessionId}")
    @Requires(Capability.BOOKING_BOARD)
    @Operation(summary = "One session's roster")
    public RosterView roster(@PathParam("storeId") long storeId, @PathParam("sessionId") String sessionId) {
        return classroom.roster(storeId, QueryParams.requiredId("sessionId", sessionId));
    }

    @POST
    @Path("/sessions/{sessionId}/check-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.BOOKING_DESK)
    @Operation(
            summary = "Check a learner in by their code",
            description = "From an hour before the session until it ends (409 not-now); 404 for a code not enrolled "
                    + "in this course, 409 not-enrolled for an ended enrolment. A repeat answers the same.")
    public RosterView checkIn(
            @PathParam("storeId") long storeId,
            @PathParam("sessionId") String sessionId,
            @Valid @NotNull CodeRequest request) {
        return classroom.checkIn(
                storeId,
                QueryParams.requiredId("sessionId", sessionId),
                request.code(),
                caller.get().username());
    }
}
