package io.mendian.payment.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessFilter;
import io.mendian.payment.app.SubMerchants;

/** The operator's view of every brand's sub-merchant account. */
@Path("/api/platform/payment/sub-merchants")
@Tag(name = "Operator: payments")
@RolesAllowed(AccessFilter.OPERATOR_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class OperatorPaymentResource {

    private final SubMerchants merchants;

    public OperatorPaymentResource(SubMerchants merchants) {
        this.merchants = merchants;
    }

    @GET
    @Operation(summary = "Every brand's sub-merchant state, newest applyment first (as last read from WeChat Pay)")
    public List<SubMerchantView> list() {
        return merchants.all();
    }
}
