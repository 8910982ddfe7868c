package io.mendian.payment.api;

import java.util.Set;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.Requires;
import io.mendian.payment.app.ProfitShares;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.quarkus.security.Authenticated;

/** The platform's fee on the brand's orders, taken by WeChat Pay profit sharing: what, when, and in which state. */
@Path("/api/hq/payment/profit-shares")
@Tag(name = "HQ: payments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqProfitShareResource {

    private static final Set<String> STATES = Set.of("WAITING", "REQUESTED", "PROCESSING", "FINISHED", "NOT_NEEDED");

    private final ProfitShares shares;

    public HqProfitShareResource(ProfitShares shares) {
        this.shares = shares;
    }

    @GET
    @Requires(Capability.PAYMENT_READ)
    @Operation(
            summary = "The platform's fee on each paid order (profit sharing), newest first",
            description = "Payments are taken with their funds frozen. Once an order is final (completed and past its "
                    + "after-sales window, or cancelled), the plan's fee on what was paid less what was refunded is "
                    + "shared to the platform and the rest released to the brand. Filter by status (WAITING, "
                    + "REQUESTED, PROCESSING, FINISHED, NOT_NEEDED) or orderNo.")
    public Page<ProfitShareView> list(
            @BeanParam PageRequest page, @QueryParam("status") String status, @QueryParam("orderNo") String orderNo) {
        if (status != null && !STATES.contains(status)) {
            throw ProblemException.badRequest("invalid-status", "status must be one of " + STATES);
        }
        if (orderNo != null && orderNo.length() > 24) {
            throw ProblemException.badRequest("invalid-order-no", "orderNo has at most 24 characters");
        }
        return shares.list(page, status, orderNo);
    }
}
