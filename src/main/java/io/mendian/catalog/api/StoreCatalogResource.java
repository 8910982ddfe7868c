package io.mendian.catalog.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.catalog.app.StoreListings;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.quarkus.security.Authenticated;

/** The store console's catalogue: what HQ published here, and this store's listing and price inside the band. */
@Path("/api/store/{storeId}/catalog")
@Tag(name = "Store console: catalogue")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreCatalogResource {

    private final StoreListings listings;
    private final CurrentCaller caller;

    public StoreCatalogResource(StoreListings listings, CurrentCaller caller) {
        this.listings = listings;
        this.caller = caller;
    }

    @GET
    @Requires(Capability.STORE_CONSOLE)
    @Operation(
            summary = "SKUs published to this store, with the band, the store's choice and the effective price (fen)")
    public Page<StoreCatalogItem> catalog(@PathParam("storeId") long storeId, @BeanParam PageRequest page) {
        return listings.catalog(storeId, page);
    }

    @PUT
    @Path("/{skuId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.STORE_CATALOG_EDIT)
    @Operation(
            summary = "List or delist a SKU and set this store's price",
            description = "A price outside HQ's band is a 422 whose body "
                    + "carries minPriceFen and maxPriceFen. Safe to retry: the same body gives the same result.")
    public StoreCatalogItem set(
            @PathParam("storeId") long storeId,
            @PathParam("skuId") long skuId,
            @Valid @NotNull ListingRequest request) {
        return listings.set(storeId, skuId, request, caller.get().username());
    }
}
