package io.mendian.store.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.store.app.StoreAdministration;
import io.mendian.store.app.StoreGeoIndex;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** Anonymous browsing in the mini-program: the appid alone selects the brand (through the platform registry). */
@Path("/api/shop/{appid}/stores")
@Tag(name = "Shop: stores")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopStoreResource {

    private final StoreAdministration stores;
    private final StoreGeoIndex geo;

    public ShopStoreResource(StoreAdministration stores, StoreGeoIndex geo) {
        this.stores = stores;
        this.geo = geo;
    }

    @GET
    @Operation(summary = "Open and paused stores of the brand", description = "Anonymous; filter by city.")
    public Page<ShopStoreView> list(
            @PathParam("appid") String appid, @BeanParam PageRequest page, @QueryParam("city") String city) {
        return stores.openStores(QueryParams.text("city", city, 40), page);
    }

    @GET
    @Path("/nearby")
    @Operation(
            summary = "Nearest stores",
            description =
                    "GCJ-02 coordinates as WeChat's location API returns them. Nearest first, each with "
                            + "distance, open now (in the store's time zone), next opening, fulfilment options and whether it delivers to this point.")
    public List<NearbyStoreView> nearby(
            @PathParam("appid") String appid,
            @Parameter(description = "Latitude, -90..90 (GCJ-02)", required = true) @QueryParam("lat") String lat,
            @Parameter(description = "Longitude, -180..180 (GCJ-02)", required = true) @QueryParam("lng") String lng,
            @Parameter(description = "Search radius in metres, 1..50000, default 5000") @QueryParam("radius")
                    String radius,
            @Parameter(description = "At most this many stores, 1..50, default 10") @QueryParam("limit") String limit,
            @Parameter(description = "Only stores with this SKU in stock (available once inventory ships)")
                    @QueryParam("skuId")
                    String skuId) {
        BigDecimal latitude = coordinate("lat", lat, 90);
        BigDecimal longitude = coordinate("lng", lng, 180);
        int meters = bounded("radius", radius, 5000, 1, 50_000);
        int count = bounded("limit", limit, 10, 1, 50);
        return geo.nearby(
                latitude,
                longitude,
                meters,
                count,
                skuId == null ? Map.of() : Map.of("skuId", QueryParams.text("skuId", skuId, 40)));
    }

    @GET
    @Path("/{storeId}")
    @Operation(summary = "One store as consumers see it")
    public ShopStoreView get(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        long id = QueryParams.requiredId("storeId", storeId);
        return geo.view(id).orElseThrow(() -> ProblemException.notFound("store " + id));
    }

    private static BigDecimal coordinate(String name, String raw, int bound) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.badRequest("invalid-" + name, name + " is required");
        }
        try {
            BigDecimal value = new BigDecimal(raw.trim());
            if (value.abs().compareTo(BigDecimal.valueOf(bound)) <= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ProblemException.badRequest(
                "invalid-" + name, name + " must be a number between -" + bound + " and " + bound);
    }

    private static int bounded(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ProblemException.badRequest(
                "invalid-" + name, name + " must be an integer between " + min + " and " + max);
    }
}
