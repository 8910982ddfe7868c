package io.mendian.catalog.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.catalog.app.CatalogCache;
import io.mendian.catalog.app.ShopCatalog;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;

/**
 * Anonymous browsing of one store (C3), served from the brand's Redis cache. Prices are this store's, in fen.
 * Pages are cached as JSON and returned as is.
 */
@Path("/api/shop/{appid}/stores/{storeId}")
@Tag(name = "Shop: catalogue")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopCatalogResource {

    private final ShopCatalog shop;
    private final CatalogCache cache;

    public ShopCatalogResource(ShopCatalog shop, CatalogCache cache) {
        this.shop = shop;
        this.cache = cache;
    }

    @GET
    @Path("/categories")
    @Operation(summary = "The brand's categories")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = CategoryView.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    public Response categories(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        long store = storeId(storeId);
        return json(cache.page(store, "categories", () -> shop.requireBrowsable(store), shop::categories));
    }

    @GET
    @Path("/products")
    @Operation(
            summary = "Products this store sells",
            description = "Paged; categoryId includes its subtree; q is a substring of the name. "
                    + "fromPriceFen is the lowest price among the product's listed SKUs at this store.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShopProductSummary.class)))
    public Response products(
            @PathParam("appid") String appid,
            @PathParam("storeId") String storeId,
            @BeanParam PageRequest page,
            @QueryParam("categoryId") String categoryId,
            @QueryParam("q") String query) {
        long store = storeId(storeId);
        Long category = QueryParams.positiveLong("categoryId", categoryId);
        String text = QueryParams.text("q", query, 50);
        int pageIndex = page.page();
        int size = page.size();
        String key = "products|" + category + "|"
                + (text == null ? "" : text.trim().toLowerCase()) + "|" + pageIndex + "|" + size;
        return json(cache.page(
                store,
                key,
                () -> shop.requireBrowsable(store),
                () -> shop.products(store, category, text, PageRequest.of(pageIndex, size))));
    }

    @GET
    @Path("/products/{productId}")
    @Operation(summary = "A product page with this store's SKUs and prices")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShopProductDetail.class)))
    public Response product(
            @PathParam("appid") String appid,
            @PathParam("storeId") String storeId,
            @PathParam("productId") String productId) {
        long store = storeId(storeId);
        long product = QueryParams.requiredId("productId", productId);
        return json(cache.page(
                store, "product|" + product, () -> shop.requireBrowsable(store), () -> shop.product(store, product)));
    }

    private static long storeId(String raw) {
        Long id = QueryParams.positiveLong("storeId", raw);
        if (id == null) {
            throw io.mendian.web.ProblemException.notFound("store");
        }
        return id;
    }

    private static Response json(String body) {
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }
}
