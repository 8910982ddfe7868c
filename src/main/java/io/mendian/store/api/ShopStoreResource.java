package io.mendian.store.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.store.app.StoreAdministration;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;

/** Anonymous browsing in the mini-program: the appid alone selects the brand (through the platform registry). */
@Path("/api/shop/{appid}/stores")
@Tag(name = "Shop: stores")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopStoreResource {

    private final StoreAdministration stores;

    public ShopStoreResource(StoreAdministration stores) {
        this.stores = stores;
    }

    @GET
    @Operation(summary = "Open and paused stores of the brand", description = "Anonymous; filter by city.")
    public Page<ShopStoreView> list(@PathParam("appid") String appid, @BeanParam PageRequest page, @QueryParam("city") String city) {
        return stores.openStores(city, page);
    }
}
