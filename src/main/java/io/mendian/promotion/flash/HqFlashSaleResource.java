package io.mendian.promotion.flash;

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
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's flash sales (C7): create, follow what they sold, end early. */
@Path("/api/hq/promotions/flash-sales")
@Tag(name = "HQ: marketing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqFlashSaleResource {

    private final FlashSales sales;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqFlashSaleResource(FlashSales sales, CurrentCaller caller, Idempotency idempotency) {
        this.sales = sales;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.MARKETING_READ)
    @Operation(
            summary = "Flash sales, newest first",
            description =
                    "live=true keeps those whose window has not passed and that were not ended. sold counts units "
                            + "held by orders that are not void.")
    public Page<FlashSaleView> list(@QueryParam("live") String live, @BeanParam PageRequest page) {
        if (live != null && !live.equals("true") && !live.equals("false")) {
            throw ProblemException.badRequest("invalid-live", "live is true or false");
        }
        return sales.list("true".equals(live), page);
    }

    @GET
    @Path("/{saleId}")
    @Requires(Capability.MARKETING_READ)
    @Operation(summary = "One flash sale")
    public FlashSaleView get(@PathParam("saleId") String saleId) {
        return sales.get(QueryParams.requiredId("saleId", saleId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Create a flash sale",
            description = "Live for its window (at most 31 days) at the listed stores, or every store. Its units are "
                    + "sold exactly once each, whatever the crowd. Audited. Send an Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull FlashSaleRequest request) {
        String who = caller.get().username();
        return idempotency.run(key, "flash.create", request, Response.Status.CREATED, () -> sales.create(request, who));
    }

    @POST
    @Path("/{saleId}/end")
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "End a flash sale now",
            description = "No more units at its price; orders already placed keep it. 409 already-ended. Audited.")
    public FlashSaleView end(@PathParam("saleId") String saleId) {
        return sales.end(QueryParams.requiredId("saleId", saleId), caller.get().username());
    }
}
