package io.mendian.catalog.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.mendian.catalog.app.CatalogAdministration;
import io.mendian.catalog.app.Categories;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's product centre: categories, products, SKUs with price bands, and publication. Prices are in fen. */
@Path("/api/hq")
@Tag(name = "HQ: catalogue")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HqCatalogResource {

    private final CatalogAdministration catalog;
    private final Categories categories;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqCatalogResource(
            CatalogAdministration catalog, Categories categories, CurrentCaller caller, Idempotency idempotency) {
        this.categories = categories;
        this.catalog = catalog;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/categories")
    @Requires(Capability.CATALOG_READ)
    @Operation(summary = "The category tree (flat, with parentId)")
    public List<CategoryView> categories() {
        return categories.categories();
    }

    @POST
    @Path("/categories")
    @Requires(Capability.CATALOG_MANAGE)
    @Operation(summary = "Create a category", description = "Send an Idempotency-Key.")
    public Response createCategory(
            @HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CategoryRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key,
                "category.create",
                request,
                Response.Status.CREATED,
                () -> categories.createCategory(request, who));
    }

    @PUT
    @Path("/categories/{id}")
    @Requires(Capability.CATALOG_MANAGE)
    @Operation(summary = "Rename, move or re-sort a category")
    public CategoryView replaceCategory(@PathParam("id") long id, @Valid @NotNull CategoryRequest request) {
        return categories.replaceCategory(id, request, caller.get().username());
    }

    @DELETE
    @Path("/categories/{id}")
    @Requires(Capability.CATALOG_MANAGE)
    @Operation(summary = "Delete an empty category")
    public Response deleteCategory(@PathParam("id") long id) {
        categories.deleteCategory(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/products")
    @Requires(Capability.CATALOG_READ)
    @Operation(
            summary = "List products",
            description = "Paged; categoryId includes its subtree; q matches name or code.")
    public Page<ProductView> products(
            @BeanParam PageRequest page, @QueryParam("categoryId") String categoryId, @QueryParam("q") String query) {
        return catalog.products(
                QueryParams.positiveLong("categoryId", categoryId), QueryParams.text("q", query, 100), page);
    }

    @POST
    @Path("/products")
    @Requires(Capability.CATALOG_MANAGE)
    @Operation(
            summary = "Create a product with its SKUs",
            description = "Send an Idempotency-Key. Publication defaults to all stores.")
    public Response createProduct(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull ProductRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "product.create", request, Response.Status.CREATED, () -> catalog.createProduct(request, who));
    }

    @GET
    @Path("/products/{id}")
    @Requires(Capability.CATALOG_READ)
    @Operation(summary = "One product with SKUs and publication")
    public ProductView product(@PathParam("id") long id) {
        return catalog.product(id);
    }

    @PUT
    @Path("/products/{id}")
    @Requires(Capability.CATALOG_MANAGE)
    @Operation(summary = "Edit a product, its status and publication (SKUs are edited one by one)")
    public ProductView replaceProduct(@PathParam("id") long id, @Valid @NotNull ProductRequest request) {
        return catalog.replaceProduct(id, request, caller.get().username());
    }

    @POST
    @Path("/products/{id}/skus")
    @Requires(Capability.CATALOG_MANAGE)
    @Operation(summary = "Add a SKU to a product", description = "Send an Idempotency-Key.")
    public Response addSku(
            @HeaderParam(Idempotency.HEADER) String key, @PathParam("id") long id, @Valid @NotNull SkuRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "sku.create." + id, request, Response.Status.CREATED, () -> catalog.addSku(id, request, who));
    }

    @PUT
    @Path("/skus/{skuId}")
    @Requires(Capability.CATALOG_MANAGE)
    @Operation(
            summary = "Change a SKU's prices and band",
            description = "Store prices that the new band strands are clamped to it; the answer " + "lists them.")
    public BandChange replaceSku(@PathParam("skuId") long skuId, @Valid @NotNull SkuRequest request) {
        return catalog.replaceSku(skuId, request, caller.get().username());
    }
}
