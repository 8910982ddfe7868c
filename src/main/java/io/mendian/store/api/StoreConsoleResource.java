package io.mendian.store.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import io.mendian.store.app.StoreAdministration;
import io.quarkus.security.Authenticated;

/** The store console's view of its own store; the access filter has already checked {storeId} against the scope. */
@Path("/api/store/{storeId}")
@Tag(name = "Store console")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreConsoleResource {

    private final StoreAdministration stores;
    private final CurrentCaller caller;

    public StoreConsoleResource(StoreAdministration stores, CurrentCaller caller) {
        this.stores = stores;
        this.caller = caller;
    }

    @GET
    @Requires(Capability.STORE_CONSOLE)
    @Operation(summary = "This store's profile")
    public StoreView get(@PathParam("storeId") long storeId) {
        return stores.get(storeId);
    }

    @PUT
    @Path("/profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.STORE_PROFILE_EDIT)
    @Operation(
            summary = "Edit this store's profile",
            description = "Phone, hours (weekly and dated exceptions), fulfilment options, images and "
                    + "customer service. Status, region, address and coordinates belong to HQ.")
    public StoreView updateProfile(@PathParam("storeId") long storeId, @Valid @NotNull StoreProfileRequest request) {
        return stores.updateProfile(storeId, request, caller.get().username());
    }
}
