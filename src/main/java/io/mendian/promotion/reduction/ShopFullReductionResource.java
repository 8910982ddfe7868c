package io.mendian.promotion.reduction;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** The full reductions a store runs now, for the storefront's store page (anonymous, kept two seconds per store). */
@Path("/api/shop/{appid}/stores/{storeId}/full-reductions")
@Tag(name = "Shop: store")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopFullReductionResource {

    private final FullReductions reductions;
    private final StoreApi stores;

    public ShopFullReductionResource(FullReductions reductions, StoreApi stores) {
        this.reductions = reductions;
        this.stores = stores;
    }

    @GET
    @Operation(summary = "Full reductions running at a store now, with their tiers")
    public List<FullReductionView> list(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        long store = QueryParams.requiredId("storeId", storeId);
        if (!stores.isBrowsable(store)) {
            throw ProblemException.notFound("store " + store);
        }
        return reductions.liveAtRecently(store);
    }
}
