package io.mendian.inventory.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.inventory.InventoryApi;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/**
 * Whether a store can sell SKUs now, for the storefront's product pages. Read live from PostgreSQL (never cached), so
 * a sale or a restock shows on the next request. Exact counts are shown only when few are left: a brand's stock
 * depth is not everyone's business.
 */
@Path("/api/shop/{appid}/stores/{storeId}/stock")
@Tag(name = "Shop: stock")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopStockResource {

    static final int MAX_SKUS = 100;
    static final long FEW_LEFT = 10;

    /** A SKU's availability; {@code remaining} only when {@value #FEW_LEFT} or fewer are left. */
    public record ShopStock(long skuId, boolean inStock, Long remaining) {}

    private final InventoryApi inventory;
    private final StoreApi stores;

    public ShopStockResource(InventoryApi inventory, StoreApi stores) {
        this.inventory = inventory;
        this.stores = stores;
    }

    @GET
    @Operation(
            summary = "Availability of SKUs at a store",
            description = "skuIds: comma-separated, at most " + MAX_SKUS + ". Anonymous.")
    public List<ShopStock> stock(
            @PathParam("appid") String appid,
            @PathParam("storeId") String storeId,
            @QueryParam("skuIds") String skuIds) {
        long store = QueryParams.requiredId("storeId", storeId);
        Set<Long> ids = parse(skuIds);
        if (!stores.isBrowsable(store)) {
            throw ProblemException.notFound("store " + store);
        }
        Map<Long, Long> available = inventory.available(store, ids);
        List<ShopStock> result = new ArrayList<>();
        for (Long id : ids) {
            long left = available.getOrDefault(id, 0L);
            result.add(new ShopStock(id, left > 0, left > 0 && left <= FEW_LEFT ? left : null));
        }
        return result;
    }

    private static Set<Long> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.badRequest("invalid-skuIds", "skuIds is required: comma-separated SKU ids");
        }
        if (raw.length() > MAX_SKUS * 20) {
            throw ProblemException.badRequest("invalid-skuIds", "at most " + MAX_SKUS + " SKU ids");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            ids.add(QueryParams.requiredId("skuIds", part));
        }
        if (ids.size() > MAX_SKUS) {
            throw ProblemException.badRequest("invalid-skuIds", "at most " + MAX_SKUS + " SKU ids");
        }
        return ids;
    }
}
