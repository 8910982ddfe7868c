package io.mendian.inventory.api;

import java.util.Set;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessPolicy;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.inventory.app.StockQueries;
import io.mendian.inventory.app.StockQueries.StockFilter;
import io.mendian.inventory.app.TransferViews;
import io.mendian.inventory.domain.MovementKind;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/**
 * HQ's view of stock across stores (H5): levels, the ledger, low-stock alerts and transfers, each limited to the
 * stores in the caller's scope (a region manager sees their region's stores, HQ the whole brand).
 */
@Path("/api/hq")
@Tag(name = "HQ: stock")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqStockResource {

    private final StockQueries queries;
    private final TransferViews transfers;
    private final AccessPolicy policy;
    private final CurrentCaller caller;
    private final StoreApi stores;

    public HqStockResource(
            StockQueries queries, TransferViews transfers, AccessPolicy policy, CurrentCaller caller, StoreApi stores) {
        this.queries = queries;
        this.transfers = transfers;
        this.policy = policy;
        this.caller = caller;
        this.stores = stores;
    }

    @GET
    @Path("/stock")
    @Requires(Capability.STOCK_OVERVIEW)
    @Operation(
            summary = "Stock per store and SKU",
            description = "Paged; filter by store and SKU; low=true lists only SKUs below their threshold.")
    public Page<StockView> stock(
            @QueryParam("storeId") String storeId,
            @QueryParam("skuId") String skuId,
            @QueryParam("low") String low,
            @BeanParam PageRequest page) {
        return queries.stock(filter(storeId, skuId, StoreStockResource.flag("low", low)), page);
    }

    @GET
    @Path("/stock/ledger")
    @Requires(Capability.STOCK_OVERVIEW)
    @Operation(summary = "The stock ledger across stores, newest first", description = "Filter by store, SKU, kind.")
    public Page<MovementView> ledger(
            @QueryParam("storeId") String storeId,
            @QueryParam("skuId") String skuId,
            @QueryParam("kind") String kind,
            @BeanParam PageRequest page) {
        MovementKind movement = QueryParams.enumValue("kind", kind, MovementKind.class);
        return queries.ledger(filter(storeId, skuId, false), movement == null ? null : movement.name(), page);
    }

    @GET
    @Path("/stock/alerts")
    @Requires(Capability.STOCK_OVERVIEW)
    @Operation(summary = "Open low-stock alerts across stores, newest first")
    public Page<AlertView> alerts(@QueryParam("storeId") String storeId, @BeanParam PageRequest page) {
        return queries.alerts(filter(storeId, null, false), page);
    }

    @GET
    @Path("/transfers")
    @Requires(Capability.STOCK_OVERVIEW)
    @Operation(summary = "Transfers from or to stores in scope, newest first")
    public Page<TransferView> transfers(
            @QueryParam("storeId") String storeId, @QueryParam("status") String status, @BeanParam PageRequest page) {
        var filter = QueryParams.enumValue("status", status, StoreTransferResource.Status.class);
        return transfers.list(
                scope(),
                QueryParams.positiveLong("storeId", storeId),
                null,
                filter == null ? null : filter.name(),
                page);
    }

    private StockFilter filter(String storeId, String skuId, boolean lowOnly) {
        return new StockFilter(
                scope(),
                QueryParams.positiveLong("storeId", storeId),
                QueryParams.positiveLong("skuId", skuId),
                lowOnly);
    }

    /** The store ids the caller may see; null for the whole brand. */
    private Set<Long> scope() {
        return stores.storeIdsIn(policy.storeFilter(caller.get(), Capability.STOCK_OVERVIEW));
    }
}
