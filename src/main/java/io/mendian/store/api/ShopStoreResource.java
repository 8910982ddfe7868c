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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.store.app.StoreAdministration;
import io.mendian.store.app.StoreGeoIndex;
import io.mendian.store.domain.Coordinates;
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
            @Parameter(
                            description = "Latitude, -90..90 (GCJ-02), a plain decimal",
                            required = true,
                            schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90"))
                    @QueryParam("lat")
                    String lat,
            @Parameter(
                            description = "Longitude, -180..180 (GCJ-02), a plain decimal",
                            required = true,
                            schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180"))
                    @QueryParam("lng")
                    String lng,
            @Parameter(
                            description = "Search radius in metres, 1..50000, default 5000",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50000"))
                    @QueryParam("radius")
                    String radius,
            @Parameter(
                            description = "At most this many stores, 1..50, default 10",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "Only stores that can sell this SKU now (available stock > 0)")
                    @QueryParam("skuId")
                    String skuId) {
        BigDecimal latitude = coordinate("lat", () -> Coordinates.latitude("lat", lat));
        BigDecimal longitude = coordinate("lng", () -> Coordinates.longitude("lng", lng));
        int meters = bounded("radius", radius, 5000, 1, 50_000);
        int count = bounded("limit", limit, 10, 1, 50);
        String sku = skuId == null ? null : QueryParams.text("skuId", skuId, 40);
        if (!Coordinates.indexable(latitude)) {
            // Near a pole: outside the index's range, and thousands of kilometres from any store.
            return List.of();
        }
        return geo.nearby(latitude, longitude, meters, count, sku == null ? Map.of() : Map.of("skuId", sku));
    }

    @GET
    @Path("/{storeId}")
    @Operation(summary = "One store as consumers see it")
    public ShopStoreView get(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        long id = QueryParams.requiredId("storeId", storeId);
        return geo.view(id).orElseThrow(() -> ProblemException.notFound("store " + id));
    }

    private static BigDecimal coordinate(String name, java.util.function.Supplier<BigDecimal> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-" + name, e.getMessage());
        }
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
