package io.mendian.ordering.ahead.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.ordering.ahead.MakeQueue;
import io.mendian.ordering.ahead.OrderAheadSettings;
import io.mendian.ordering.ahead.Pauses;
import io.mendian.web.ProblemException;
import io.quarkus.security.Authenticated;

/** The store's make queue and its pause of order ahead (C12). */
@Path("/api/store/{storeId}")
@Tag(name = "Store: order ahead")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreMakeQueueResource {

    private final MakeQueue queue;
    private final Pauses pauses;
    private final OrderAheadSettings settings;
    private final CurrentCaller caller;

    public StoreMakeQueueResource(MakeQueue queue, Pauses pauses, OrderAheadSettings settings, CurrentCaller caller) {
        this.queue = queue;
        this.pauses = pauses;
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @Path("/make-queue")
    @Requires(Capability.ORDER_READ)
    @Operation(
            summary = "The make queue",
            description = "Paid pickup orders with a queue number, open ones first by the time they are due (then "
                    + "number), each with its estimated ready time, then the ready ones waiting to be picked up. The "
                    + "first 200; more counts the rest. Accept, prepare and ready them through the order queue.")
    public MakeQueueView get(@PathParam("storeId") long storeId) {
        return queue.store(storeId);
    }

    @PUT
    @Path("/order-ahead/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.ORDER_WORK)
    @Operation(
            summary = "Pause order ahead",
            description = "For 5 to 480 minutes; it resumes by itself. Orders due before then are refused with 409 "
                    + "order-ahead-paused and the time it resumes; orders already paid stay in the queue. Pausing "
                    + "again replaces the pause. Logged with who and why.")
    public MakeQueueView pause(@PathParam("storeId") long storeId, @Valid @NotNull PauseRequest request) {
        if (!settings.current().enabled()) {
            throw ProblemException.conflict("order-ahead-off", "the brand does not take orders ahead");
        }
        pauses.pause(storeId, request.minutes(), request.reason(), caller.get().username());
        return queue.store(storeId);
    }

    @DELETE
    @Path("/order-ahead/pause")
    @Requires(Capability.ORDER_WORK)
    @Operation(summary = "Resume order ahead now", description = "Nothing changes when it is not paused.")
    public MakeQueueView resume(@PathParam("storeId") long storeId) {
        pauses.resume(storeId, caller.get().username());
        return queue.store(storeId);
    }
}
