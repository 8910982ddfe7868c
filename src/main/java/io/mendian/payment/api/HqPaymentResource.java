package io.mendian.payment.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.payment.app.SubMerchants;
import io.quarkus.security.Authenticated;

/** The brand's WeChat Pay sub-merchant account: applying for it and following its review. */
@Path("/api/hq/payment/sub-merchant")
@Tag(name = "HQ: payments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqPaymentResource {

    private final SubMerchants merchants;
    private final CurrentCaller caller;

    public HqPaymentResource(SubMerchants merchants, CurrentCaller caller) {
        this.merchants = merchants;
        this.caller = caller;
    }

    @GET
    @Requires(Capability.PAYMENT_READ)
    @Operation(
            summary = "The brand's sub-merchant account",
            description = "NOT_APPLIED until HQ applies; then AUDITING, REJECTED (with WeChat Pay's reason) or ACTIVE "
                    + "with its sub_mchid. Customers can pay only when canTakePayments is true.")
    public SubMerchantView get() {
        return merchants.view(caller.get().tenant());
    }

    @POST
    @Path("/applyment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.PAYMENT_MANAGE)
    @Operation(
            summary = "Apply for the brand's sub-merchant account (特约商户进件)",
            description =
                    "Sent to WeChat Pay with the contact and bank fields encrypted; Mendian keeps only the state. "
                            + "409 applyment-exists unless the previous one was rejected.")
    public SubMerchantView apply(@Valid @NotNull SubMerchantApplication form) {
        var who = caller.get();
        return merchants.apply(who.tenant(), form, "staff:" + who.subject());
    }
}
