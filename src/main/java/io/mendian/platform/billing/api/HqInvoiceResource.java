package io.mendian.platform.billing.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.OpenWhileSuspended;
import io.mendian.identity.Requires;
import io.mendian.payment.PaymentApi;
import io.mendian.platform.billing.InvoiceCheckout;
import io.mendian.platform.billing.InvoiceView;
import io.mendian.platform.billing.Invoices;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's invoices: readable while the brand is suspended, since settling them is how it comes back. */
@Path("/api/hq/invoices")
@Tag(name = "HQ: plan and billing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqInvoiceResource {

    private final Invoices invoices;
    private final CurrentCaller caller;
    private final InvoiceCheckout checkout;

    public HqInvoiceResource(Invoices invoices, CurrentCaller caller, InvoiceCheckout checkout) {
        this.checkout = checkout;
        this.invoices = invoices;
        this.caller = caller;
    }

    @GET
    @Requires(Capability.BILLING_READ)
    @OpenWhileSuspended
    @Operation(summary = "This brand's invoices, newest first")
    public Page<InvoiceView> list(
            @BeanParam PageRequest page,
            @Parameter(description = "ALL (default), OPEN, PAID or OVERDUE") @QueryParam("status") String status) {
        return invoices.forBrand(caller.get().tenant(), Invoices.filter(status), page);
    }

    @GET
    @Path("/{id}")
    @Requires(Capability.BILLING_READ)
    @OpenWhileSuspended
    @Operation(summary = "One invoice with its lines and dunning history")
    public InvoiceView get(@PathParam("id") String id) {
        return invoices.getForBrand(caller.get().tenant(), QueryParams.requiredId("id", id));
    }

    @POST
    @Path("/{id}/wechat-pay")
    @Requires(Capability.BILLING_MANAGE)
    @OpenWhileSuspended
    @Operation(
            summary = "Pay the invoice online: a WeChat Pay QR code for what is outstanding",
            description = "Show codeUrl as a QR code; scanning and paying in WeChat settles the invoice (and lifts a "
                    + "billing suspension). Asking again shows the same code while the amount is unchanged; 409 "
                    + "invoice-settled when nothing is outstanding.")
    public PaymentApi.NativeQr pay(@PathParam("id") String id) {
        return checkout.start(caller.get().tenant(), QueryParams.requiredId("id", id));
    }
}
