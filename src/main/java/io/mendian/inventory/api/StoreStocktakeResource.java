package io.mendian.inventory.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.inventory.app.Stocktakes;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** Stocktakes at the store (S4): count sheet, counts, variance, then apply or cancel. */
@Path("/api/store/{storeId}/stocktakes")
@Tag(name = "Store console: stocktakes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreStocktakeResource {

    private final Stocktakes stocktakes;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public StoreStocktakeResource(Stocktakes stocktakes, CurrentCaller caller, Idempotency idempotency) {
        this.stocktakes = stocktakes;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.STOCK_WORK)
    @Operation(summary = "Open a count sheet", description = "Send an Idempotency-Key.")
    public Response open(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull StocktakeRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key,
                "stocktake.open:" + storeId,
                request,
                Response.Status.CREATED,
                () -> stocktakes.open(storeId, request.note(), who));
    }

    @GET
    @Requires(Capability.STOCK_READ)
    @Operation(summary = "The store's stocktakes, newest first")
    public Page<StocktakeView> list(@PathParam("storeId") long storeId, @BeanParam PageRequest page) {
        return stocktakes.list(storeId, page);
    }

    @GET
    @Path("/{stocktakeId}")
    @Requires(Capability.STOCK_READ)
    @Operation(
            summary = "A count sheet with its variance",
            description = "While open, the variance is against the live on-hand figure.")
    public StocktakeView get(@PathParam("storeId") long storeId, @PathParam("stocktakeId") String stocktakeId) {
        return stocktakes.get(storeId, QueryParams.requiredId("stocktakeId", stocktakeId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{stocktakeId}/counts")
    @Requires(Capability.STOCK_WORK)
    @Operation(
            summary = "Record counts",
            description = "Counting a SKU again replaces its count, so a retry is harmless.")
    public StocktakeView count(
            @PathParam("storeId") long storeId,
            @PathParam("stocktakeId") String stocktakeId,
            @Valid @NotNull CountRequest request) {
        return stocktakes.count(
                storeId,
                QueryParams.requiredId("stocktakeId", stocktakeId),
                request,
                caller.get().username());
    }

    @POST
    @Path("/{stocktakeId}/apply")
    @Requires(Capability.STOCK_CONTROL)
    @Operation(
            summary = "Apply the counts",
            description = "Each counted SKU's on hand becomes its count (a STOCKTAKE movement with the variance). "
                    + "409 count-below-reserved when a count is below what orders hold. Send an Idempotency-Key.")
    public Response apply(
            @PathParam("storeId") long storeId,
            @PathParam("stocktakeId") String stocktakeId,
            @HeaderParam(Idempotency.HEADER) String key) {
        long id = QueryParams.requiredId("stocktakeId", stocktakeId);
        String who = caller.get().username();
        return idempotency.run(
                key, "stocktake.apply:" + id, id, Response.Status.OK, () -> stocktakes.apply(storeId, id, who));
    }

    @POST
    @Path("/{stocktakeId}/cancel")
    @Requires(Capability.STOCK_CONTROL)
    @Operation(summary = "Cancel an open count sheet; stock is unchanged")
    public StocktakeView cancel(@PathParam("storeId") long storeId, @PathParam("stocktakeId") String stocktakeId) {
        return stocktakes.cancel(
                storeId,
                QueryParams.requiredId("stocktakeId", stocktakeId),
                caller.get().username());
    }
}
