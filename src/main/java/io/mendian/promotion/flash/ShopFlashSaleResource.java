package io.mendian.promotion.flash;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mendian.store.StoreApi;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/**
 * The flash sales a store runs, for the storefront's flash page. Everyone opens it at the minute a sale starts, so the
 * answer per store is kept for one second on each instance: one query per store and second, whatever the crowd.
 */
@Path("/api/shop/{appid}/stores/{storeId}/flash-sales")
@Tag(name = "Shop: flash sales")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopFlashSaleResource {

    private final Cache<String, List<ShopFlashSaleView>> recent = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(1))
            .build();

    private final FlashSales sales;
    private final StoreApi stores;
    private final TenantContext tenant;

    public ShopFlashSaleResource(FlashSales sales, StoreApi stores, TenantContext tenant) {
        this.sales = sales;
        this.stores = stores;
        this.tenant = tenant;
    }

    @GET
    @Operation(
            summary = "Live and coming flash sales at a store",
            description = "Sales running now or starting within seven days, for SKUs the store sells, with the "
                    + "server's clock for countdowns. Buy with POST /api/shop/{appid}/checkout/flash. Anonymous.")
    public List<ShopFlashSaleView> list(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        long store = QueryParams.requiredId("storeId", storeId);
        if (!stores.isBrowsable(store)) {
            throw ProblemException.notFound("store " + store);
        }
        return recent.get(tenant.require().schema() + ":" + store, key -> sales.atStore(store));
    }
}
