package io.mendian.platform.billing.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessFilter;
import io.mendian.platform.billing.BillingPeriod;
import io.mendian.platform.billing.Dunning;
import io.mendian.platform.billing.InvoiceRun;
import io.mendian.platform.billing.InvoiceView;
import io.mendian.platform.billing.Invoices;
import io.mendian.platform.billing.Payments;
import io.mendian.platform.billing.SubscriptionLifecycle;
import io.mendian.platform.billing.SubscriptionView;
import io.mendian.platform.billing.Subscriptions;
import io.mendian.platform.billing.UsageMeter;
import io.mendian.tenancy.TenantId;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;

/** The operator's billing console: invoices (overdue first), payments received, invoice and dunning runs, plan overrides. */
@Path("/api/platform/billing")
@Tag(name = "Operator: billing")
@RolesAllowed(AccessFilter.OPERATOR_ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OperatorBillingResource {

    private final Invoices invoices;
    private final Payments payments;
    private final InvoiceRun invoiceRun;
    private final Dunning dunning;
    private final SubscriptionLifecycle lifecycle;
    private final UsageMeter meter;
    private final Subscriptions subscriptions;
    private final SecurityIdentity identity;

    public OperatorBillingResource(
            Invoices invoices,
            Payments payments,
            InvoiceRun invoiceRun,
            Dunning dunning,
            SubscriptionLifecycle lifecycle,
            UsageMeter meter,
            Subscriptions subscriptions,
            SecurityIdentity identity) {
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.payments = payments;
        this.invoiceRun = invoiceRun;
        this.dunning = dunning;
        this.lifecycle = lifecycle;
        this.meter = meter;
        this.identity = identity;
    }

    @GET
    @Path("/invoices")
    @Operation(
            summary = "Invoices of every brand, newest first",
            description = "status=OVERDUE lists open invoices past their due date.")
    public Page<InvoiceView> invoices(
            @BeanParam PageRequest page,
            @Parameter(description = "ALL (default), OPEN, PAID or OVERDUE") @QueryParam("status") String status,
            @Parameter(description = "only this brand") @QueryParam("tenant") String tenant) {
        if (tenant == null || tenant.isBlank()) {
            return invoices.ofEveryBrand(Invoices.filter(status), page);
        }
        return invoices.forBrand(brand(tenant), Invoices.filter(status), page);
    }

    @GET
    @Path("/invoices/{id}")
    @Operation(summary = "One invoice with lines and dunning history")
    public InvoiceView invoice(@PathParam("id") String id) {
        return invoices.getOfAnyBrand(QueryParams.requiredId("id", id));
    }

    @POST
    @Path("/invoices/{id}/payments")
    @Operation(
            summary = "Record a payment received for an invoice",
            description =
                    "Send an Idempotency-Key: a retry returns the first payment. Paying everything overdue reactivates a past-due or "
                            + "suspended subscription and lifts a billing suspension.")
    public Response pay(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull PaymentRequest request) {
        Idempotency.requireKey(key);
        var payment = payments.record(
                QueryParams.requiredId("id", id),
                request.amountFen(),
                request.method(),
                request.reference(),
                key,
                identity.getPrincipal().getName(),
                Instant.now());
        return Response.status(payment.replayed() ? 200 : 201).entity(payment).build();
    }

    @POST
    @Path("/invoice-runs")
    @Operation(
            summary = "Run (or finish) the invoice run for a month now",
            description =
                    "Idempotent per brand and month: brands already invoiced are skipped. The Quartz job does this on the 1st.")
    public InvoiceRun.Result run(@Valid @NotNull InvoiceRunRequest request) {
        BillingPeriod period = BillingPeriod.parse(request.period());
        BillingPeriod current = BillingPeriod.of(Instant.now());
        if (period.start().isAfter(Instant.now())) {
            throw ProblemException.badRequest("future-period", "period " + period + " has not started yet");
        }
        if (period.month().isBefore(current.month().minusMonths(1))) {
            throw ProblemException.badRequest(
                    "period-too-old", "only this month or last month can be invoiced; older months are closed");
        }
        return invoiceRun.run(
                period,
                Instant.now(),
                request.tenant() == null || request.tenant().isBlank() ? Set.of() : Set.of(request.tenant()));
    }

    @GET
    @Path("/invoice-runs")
    @Operation(summary = "Invoice runs, newest month first")
    public List<InvoiceRun.Record> runs() {
        return invoiceRun.history();
    }

    @POST
    @Path("/dunning-runs")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Run dunning now (reminders, past due, suspension after the grace period)",
            description = "The Quartz job does this daily.")
    public Dunning.Result dun() {
        return dunning.run(Instant.now());
    }

    /** A brand's subscription as support sees it: plan, status, metered usage and history. */
    public record SupportView(SubscriptionView subscription, List<UsageMeter.PeriodUsage> usage) {}

    @GET
    @Path("/subscriptions/{tenant}")
    @Operation(summary = "One brand's subscription with its metered usage per month")
    public SupportView subscription(@PathParam("tenant") String tenant) {
        TenantId id = brand(tenant);
        return QuarkusTransaction.requiringNew()
                .call(() -> new SupportView(subscriptions.view(id, meter.levels(id)), meter.history(id)));
    }

    @POST
    @Path("/subscriptions/{tenant}/reactivation")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Reactivate a cancelled brand",
            description = "Active from now, this month's remainder invoiced, the brand resumed with its data.")
    public SupportView reactivate(@PathParam("tenant") String tenant) {
        String brand = brand(tenant).value();
        lifecycle.reactivate(brand, identity.getPrincipal().getName(), Instant.now());
        return subscription(brand);
    }

    @POST
    @Path("/subscriptions/{tenant}/plan-change")
    @Operation(
            summary = "Move a brand to any plan, including ones sold by the team",
            description = "Prorated like HQ's own change.")
    public SubscriptionLifecycle.PlanChange changePlan(
            @PathParam("tenant") String tenant, @Valid @NotNull PlanChangeRequest request) {
        String brand = brand(tenant).value();
        var usage = QuarkusTransaction.requiringNew().call(() -> meter.levels(new TenantId(brand)));
        return lifecycle.changePlan(
                brand, request.plan(), usage, identity.getPrincipal().getName(), true, Instant.now());
    }

    /** The brand a path names; a malformed slug names no subscription (404, like an unknown one). */
    private static TenantId brand(String tenant) {
        String brand = QueryParams.text("tenant", tenant, 31);
        if (brand == null || !TenantId.isValid(brand)) {
            throw ProblemException.notFound("subscription of " + Problem.clip(tenant));
        }
        return new TenantId(brand);
    }
}
