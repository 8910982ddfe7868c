package io.mendian.inventory.api;

import java.util.Set;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.inventory.app.StockQueries;
import io.mendian.inventory.app.StockQueries.StockFilter;
import io.mendian.inventory.app.StockWork;
import io.mendian.inventory.domain.MovementKind;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** The store console's stock (S4): levels, ledger, alerts, goods in, losses and thresholds of the store in the path. */
@Path("/api/store/{storeId}/stock")
@Tag(name = "Store console: stock")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreStockResource {

    private final StockQueries queries;
    private final StockWork work;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public StoreStockResource(StockQueries queries, StockWork work, CurrentCaller caller, Idempotency idempotency) {
        this.queries = queries;
        this.work = work;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.STOCK_READ)
    @Operation(
            summary = "The store's stock",
            description = "Paged, by SKU; on hand, reserved for orders and transfers, available, in transit, "
                    + "threshold. low=true lists only SKUs below their threshold.")
    public Page<StockView> stock(
            @PathParam("storeId") long storeId,
            @QueryParam("skuId") String skuId,
            @QueryParam("low") String low,
            @BeanParam PageRequest page) {
        return queries.stock(
                new StockFilter(Set.of(storeId), storeId, QueryParams.positiveLong("skuId", skuId), flag("low", low)),
                page);
    }

    @GET
    @Path("/ledger")
    @Requires(Capability.STOCK_READ)
    @Operation(summary = "The store's stock ledger, newest first", description = "Filter by SKU and movement kind.")
    public Page<MovementView> ledger(
            @PathParam("storeId") long storeId,
            @QueryParam("skuId") String skuId,
            @QueryParam("kind") String kind,
            @BeanParam PageRequest page) {
        MovementKind movement = QueryParams.enumValue("kind", kind, MovementKind.class);
        return queries.ledger(
                new StockFilter(Set.of(storeId), storeId, QueryParams.positiveLong("skuId", skuId), false),
                movement == null ? null : movement.name(),
                page);
    }

    @GET
    @Path("/alerts")
    @Requires(Capability.STOCK_READ)
    @Operation(summary = "Open low-stock alerts of the store, newest first")
    public Page<AlertView> alerts(@PathParam("storeId") long storeId, @BeanParam PageRequest page) {
        return queries.alerts(new StockFilter(Set.of(storeId), storeId, null, false), page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/receipts")
    @Requires(Capability.STOCK_WORK)
    @Operation(
            summary = "Goods in",
            description = "Adds the quantities to on hand, one ledger movement per SKU. Send an Idempotency-Key: a "
                    + "retried receipt is counted once.")
    public Response receive(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull ReceiptRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key,
                "stock.receive:" + storeId,
                request,
                Response.Status.CREATED,
                () -> work.receive(storeId, request, who));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/losses")
    @Requires(Capability.STOCK_WORK)
    @Operation(
            summary = "Report a loss",
            description = "Takes the quantities out of available stock (409 insufficient-stock when the store has "
                    + "less available; goods reserved for orders are not the store's to write off). Send an "
                    + "Idempotency-Key.")
    public Response lose(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull LossRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "stock.lose:" + storeId, request, Response.Status.CREATED, () -> work.lose(storeId, request, who));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{skuId}/threshold")
    @Requires(Capability.STOCK_CONTROL)
    @Operation(
            summary = "Set the low-stock threshold of a SKU at this store",
            description = "An alert opens for HQ and the store when available stock falls below it, and closes when "
                    + "stock comes back. Null removes the threshold.")
    public StockLevelView threshold(
            @PathParam("storeId") long storeId,
            @PathParam("skuId") String skuId,
            @Valid @NotNull ThresholdRequest request) {
        return work.threshold(storeId, QueryParams.requiredId("skuId", skuId), request.lowThreshold());
    }

    static boolean flag(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw io.mendian.web.ProblemException.badRequest("invalid-" + name, name + " must be true or false");
        };
    }
}
