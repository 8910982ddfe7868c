package io.mendian.ordering.ahead.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.ordering.ahead.OrderAheadSettings;
import io.quarkus.security.Authenticated;

/** HQ's order-ahead setting (C12). */
@Path("/api/hq/order-ahead")
@Tag(name = "HQ: order ahead")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqOrderAheadResource {

    private final OrderAheadSettings settings;
    private final CurrentCaller caller;

    public HqOrderAheadResource(OrderAheadSettings settings, CurrentCaller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @Requires(Capability.ORDER_OVERVIEW)
    @Operation(summary = "The order-ahead setting", description = "Off until HQ or the brand's template turns it on.")
    public OrderAheadSetting get() {
        return settings.current();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.ORDER_AHEAD_MANAGE)
    @Operation(
            summary = "Save the order-ahead setting",
            description = "On or off for every store; the minutes one order takes until a store has measured its "
                    + "own, and how many orders a store makes at once. Audited.")
    public OrderAheadSetting save(@Valid @NotNull OrderAheadSetting request) {
        return settings.save(request, caller.get().username());
    }
}
