package io.mendian.store.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
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

    public StoreConsoleResource(StoreAdministration stores) {
        this.stores = stores;
    }

    @GET
    @Requires(Capability.STORE_CONSOLE)
    @Operation(summary = "This store's profile")
    public StoreView get(@PathParam("storeId") long storeId) {
        return stores.get(storeId);
    }
}
