package io.mendian.inventory.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import io.mendian.inventory.app.TransferSources;
import io.mendian.inventory.app.TransferViews;
import io.mendian.inventory.app.Transfers;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/**
 * Transfers seen from the store in the path: it requests goods from another store, or approves, ships and receives.
 * Each step answers 403 not-your-step when the path's store is the wrong end of the transfer.
 */
@Path("/api/store/{storeId}/transfers")
@Tag(name = "Store console: transfers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreTransferResource {

    /** Statuses a transfer list can be filtered by. */
    enum Status {
        REQUESTED,
        APPROVED,
        SHIPPED,
        RECEIVED,
        REJECTED,
        CANCELLED
    }

    private final Transfers transfers;
    private final TransferViews views;
    private final TransferSources sources;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public StoreTransferResource(
            Transfers transfers,
            TransferViews views,
            TransferSources sources,
            CurrentCaller caller,
            Idempotency idempotency) {
        this.sources = sources;
        this.transfers = transfers;
        this.views = views;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.STOCK_WORK)
    @Operation(
            summary = "Request goods from another store",
            description = "The store in the path receives. Send an Idempotency-Key.")
    public Response request(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull TransferRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key,
                "transfer.request:" + storeId,
                request,
                Response.Status.CREATED,
                () -> transfers.request(storeId, request, who));
    }

    @GET
    @Path("/sources")
    @Requires(Capability.STOCK_WORK)
    @Operation(
            summary = "Other stores that could send a SKU",
            description = "Stores of the brand with some of skuId available now (on hand less reserved), most first, "
                    + "at most 20: whom to ask before requesting a transfer.")
    public List<TransferSource> sources(@PathParam("storeId") long storeId, @QueryParam("skuId") String skuId) {
        return sources.of(storeId, QueryParams.requiredId("skuId", skuId));
    }

    @GET
    @Requires(Capability.STOCK_READ)
    @Operation(summary = "Transfers in and out of the store, newest first", description = "direction: in or out.")
    public Page<TransferView> list(
            @PathParam("storeId") long storeId,
            @QueryParam("direction") String direction,
            @QueryParam("status") String status,
            @BeanParam PageRequest page) {
        if (direction != null && !direction.isBlank() && !direction.equals("in") && !direction.equals("out")) {
            throw io.mendian.web.ProblemException.badRequest("invalid-direction", "direction must be in or out");
        }
        Status filter = QueryParams.enumValue("status", status, Status.class);
        return views.list(null, storeId, direction, filter == null ? null : filter.name(), page);
    }

    @GET
    @Path("/{transferId}")
    @Requires(Capability.STOCK_READ)
    @Operation(summary = "A transfer the store sends or receives")
    public TransferView get(@PathParam("storeId") long storeId, @PathParam("transferId") String transferId) {
        return views.get(storeId, id(transferId));
    }

    @POST
    @Path("/{transferId}/approve")
    @Requires(Capability.STOCK_CONTROL)
    @Operation(
            summary = "The sending store approves and holds the goods",
            description = "409 insufficient-stock when it cannot. Send an Idempotency-Key.")
    public Response approve(
            @PathParam("storeId") long storeId,
            @PathParam("transferId") String transferId,
            @HeaderParam(Idempotency.HEADER) String key) {
        return step(key, "transfer.approve", transferId, (id, who) -> transfers.approve(storeId, id, who));
    }

    @POST
    @Path("/{transferId}/reject")
    @Requires(Capability.STOCK_CONTROL)
    @Operation(summary = "The sending store declines")
    public TransferView reject(@PathParam("storeId") long storeId, @PathParam("transferId") String transferId) {
        return transfers.reject(storeId, id(transferId), caller.get().username());
    }

    @POST
    @Path("/{transferId}/ship")
    @Requires(Capability.STOCK_WORK)
    @Operation(
            summary = "The sending store ships",
            description = "The goods leave its stock and are in transit at the receiver. Send an Idempotency-Key.")
    public Response ship(
            @PathParam("storeId") long storeId,
            @PathParam("transferId") String transferId,
            @HeaderParam(Idempotency.HEADER) String key) {
        return step(key, "transfer.ship", transferId, (id, who) -> transfers.ship(storeId, id, who));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{transferId}/receive")
    @Requires(Capability.STOCK_WORK)
    @Operation(
            summary = "The receiving store records what arrived",
            description =
                    "Send {} when everything arrived, or the quantities that did; a shortfall is recorded in the ledger. Send an "
                            + "Idempotency-Key.")
    public Response receive(
            @PathParam("storeId") long storeId,
            @PathParam("transferId") String transferId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid ReceiveRequest request) {
        long id = id(transferId);
        String who = caller.get().username();
        ReceiveRequest body = request == null ? new ReceiveRequest(null) : request;
        return idempotency.run(
                key,
                "transfer.receive:" + id,
                body,
                Response.Status.OK,
                () -> transfers.receive(storeId, id, body, who));
    }

    @POST
    @Path("/{transferId}/cancel")
    @Requires(Capability.STOCK_WORK)
    @Operation(summary = "Either store calls the transfer off before it ships; held goods are released")
    public TransferView cancel(@PathParam("storeId") long storeId, @PathParam("transferId") String transferId) {
        return transfers.cancel(storeId, id(transferId), caller.get().username());
    }

    /** A body-less step of a transfer, replayed for a retried Idempotency-Key. */
    private Response step(
            String key,
            String operation,
            String transferId,
            java.util.function.BiFunction<Long, String, TransferView> work) {
        long id = id(transferId);
        String who = caller.get().username();
        return idempotency.run(key, operation + ":" + id, id, Response.Status.OK, () -> work.apply(id, who));
    }

    private static long id(String raw) {
        return QueryParams.requiredId("transferId", raw);
    }
}
