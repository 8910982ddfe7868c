package io.mendian.ordering.ahead.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.ordering.ahead.MakeQueue;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** Before ordering ahead: does the store take orders now, and how long is the wait (C12). */
@Path("/api/shop/{appid}/stores/{storeId}/order-ahead")
@Tag(name = "Shop: order ahead")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopStoreWaitResource {

    private final MakeQueue queue;
    private final StoreApi stores;

    public ShopStoreWaitResource(MakeQueue queue, StoreApi stores) {
        this.queue = queue;
        this.stores = stores;
    }

    @GET
    @Operation(
            summary = "The store's wait",
            description = "Whether the brand takes \"as soon as possible\" pickup orders, whether the store paused "
                    + "them (until when, why), and what a new order would wait. Anonymous.")
    public StoreWaitView get(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        long store = QueryParams.requiredId("storeId", storeId);
        if (!stores.isBrowsable(store)) {
            throw ProblemException.notFound("store " + store);
        }
        return queue.storeWait(store);
    }
}
