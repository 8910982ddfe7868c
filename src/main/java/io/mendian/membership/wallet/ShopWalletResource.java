package io.mendian.membership.wallet;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.web.Idempotency;

/** The storefront's stored value: plans (anonymous), the member's balance, and starting a top-up. */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: member")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopWalletResource {

    /** Which plan to buy. */
    public record TopUpRequest(@NotNull @Positive Long planId) {}

    private final TopUps topUps;
    private final CurrentConsumer consumer;
    private final Idempotency idempotency;

    public ShopWalletResource(TopUps topUps, CurrentConsumer consumer, Idempotency idempotency) {
        this.topUps = topUps;
        this.consumer = consumer;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/topup-plans")
    @Operation(summary = "The top-up plans on offer (anonymous)")
    public List<TopUpPlanView> plans(@PathParam("appid") String appid) {
        return topUps.plans(true);
    }

    @GET
    @Path("/me/wallet")
    @ConsumerOnly
    @Operation(summary = "The member's stored value: balance (paid in and gift) and the latest changes")
    public WalletView wallet(@PathParam("appid") String appid) {
        return topUps.wallet(consumer.memberId());
    }

    @POST
    @Path("/topups")
    @Consumes(MediaType.APPLICATION_JSON)
    @ConsumerOnly
    @Operation(
            summary = "Start a top-up",
            description = "Pay it within 30 minutes with POST /api/shop/{appid}/topups/{topupNo}/payment; the balance "
                    + "is credited (paid amount and gift apart) once WeChat Pay confirms. 404 for an unknown or withdrawn "
                    + "plan. Send an Idempotency-Key.")
    public Response start(
            @PathParam("appid") String appid,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull TopUpRequest request) {
        long member = consumer.memberId();
        return idempotency.run(
                key, "shop.topup", request, Response.Status.CREATED, () -> topUps.start(member, request.planId()));
    }

    @GET
    @Path("/topups/{topupNo}")
    @ConsumerOnly
    @Operation(summary = "One of the member's top-ups (PENDING until paid, then PAID)")
    public TopUpView get(@PathParam("appid") String appid, @PathParam("topupNo") String topupNo) {
        return topUps.get(consumer.memberId(), topupNo);
    }
}
