package io.mendian.ordering.aftersales;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.quarkus.security.Authenticated;

/** The store's after-sales desk: requests on its orders, approved (refund, restock) or rejected by a manager. */
@Path("/api/store/{storeId}/after-sales")
@Tag(name = "Store: orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreAfterSaleResource {

    private final AfterSales afterSales;
    private final CurrentCaller caller;

    public StoreAfterSaleResource(AfterSales afterSales, CurrentCaller caller) {
        this.afterSales = afterSales;
        this.caller = caller;
    }

    @GET
    @Requires(Capability.ORDER_READ)
    @Operation(summary = "After-sales requests on the store's orders, newest first; status=REQUESTED for the open ones")
    public Page<AfterSaleView> list(
            @PathParam("storeId") long storeId, @QueryParam("status") String status, @BeanParam PageRequest page) {
        if (status != null && !status.matches("REQUESTED|APPROVED|REJECTED")) {
            throw ProblemException.badRequest("invalid-status", "status must be REQUESTED, APPROVED or REJECTED");
        }
        return afterSales.ofStore(storeId, status, page);
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.AFTER_SALES_DECIDE)
    @Operation(
            summary =
                    "Approve: refund the amount, and put returned goods back on the shelf (restock=false writes them off)",
            description = "The refund goes to WeChat Pay after this commits; never more than was paid (409 "
                    + "refund-exceeds-payment).")
    public AfterSaleView approve(
            @PathParam("storeId") long storeId, @PathParam("id") long id, @Valid AfterSaleDecision decision) {
        return afterSales.approve(storeId, id, decision, "staff:" + caller.get().subject());
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.AFTER_SALES_DECIDE)
    @Operation(summary = "Reject, with a note the customer reads")
    public AfterSaleView reject(
            @PathParam("storeId") long storeId, @PathParam("id") long id, @Valid AfterSaleDecision decision) {
        return afterSales.reject(storeId, id, decision, "staff:" + caller.get().subject());
    }
}
