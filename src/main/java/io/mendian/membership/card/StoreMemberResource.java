package io.mendian.membership.card;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.membership.app.MemberViews;
import io.mendian.membership.points.MemberPoints;
import io.mendian.membership.points.PointsAdjustment;
import io.mendian.membership.points.PointsView;
import io.mendian.web.Idempotency;
import io.mendian.web.PageRequest;

/** The counter (S5): staff scan a member's dynamic code to see the member and adjust their points, with a receipt. */
@Path("/api/store/{storeId}/members")
@Tag(name = "Store console: members")
@io.quarkus.security.Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreMemberResource {

    public record Scan(@NotBlank @Size(max = 64) String code) {}

    public record CounterAdjustment(
            @NotBlank @Size(max = 64) String code,
            @NotNull @Min(-100_000) @Max(100_000) Long delta,
            @NotBlank @Size(max = 200) String reason) {}

    public record CounterStoredValue(
            @NotBlank @Size(max = 64) String code,
            @NotNull @Min(-10_000_000) @Max(10_000_000) Long deltaFen,
            @NotBlank @Size(max = 200) String reason) {}

    private final io.mendian.membership.wallet.StoredValue storedValue;
    private final MemberCodes codes;
    private final MemberViews members;
    private final MemberPoints points;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public StoreMemberResource(
            MemberCodes codes,
            MemberViews members,
            MemberPoints points,
            CurrentCaller caller,
            Idempotency idempotency,
            io.mendian.membership.wallet.StoredValue storedValue) {
        this.storedValue = storedValue;
        this.codes = codes;
        this.members = members;
        this.points = points;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Path("/scan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MEMBER_SERVICE)
    @Operation(
            summary = "Look up the member behind a scanned member code",
            description = "400 invalid-member-code (forged or another brand's), 410 member-code-expired. Looking does "
                    + "not spend the code.")
    public MemberCard scan(@PathParam("storeId") long storeId, @Valid @NotNull Scan scan) {
        long memberId = codes.memberOf(scan.code());
        var member = members.get(memberId);
        PointsView balance = points.of(memberId, PageRequest.of(0, 1));
        return new MemberCard(
                memberId,
                member.phone(),
                member.status(),
                balance.balance(),
                balance.expiringSoon(),
                storedValue.balance(memberId).totalFen());
    }

    @POST
    @Path("/points")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MEMBER_ADJUST)
    @Operation(
            summary = "Add or take a scanned member's points at the counter",
            description = "Spends the code (409 member-code-used for a second change with it); recorded in the ledger "
                    + "with the store, who and why; answers a receipt. Send an Idempotency-Key: a retry returns the "
                    + "same receipt.")
    public Response adjust(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull CounterAdjustment request) {
        String who = caller.get().username();
        return idempotency.run(key, "counter.points:" + storeId, request, Response.Status.CREATED, () -> {
            long memberId = codes.spend(request.code(), "points");
            PointsView after =
                    points.adjustAt(memberId, new PointsAdjustment(request.delta(), request.reason()), who, storeId);
            long entry = after.ledger().items().isEmpty()
                    ? 0
                    : after.ledger().items().getFirst().id();
            return new CounterReceipt(
                    "P" + entry, memberId, storeId, "POINTS", request.delta(), after.balance(), who, Instant.now());
        });
    }

    @POST
    @Path("/stored-value")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MEMBER_ADJUST)
    @Operation(
            summary = "Add or take a scanned member's stored value at the counter (managers)",
            description = "For money paid in or handed back in the store: changes the paid-in part (the gift stays), "
                    + "recorded in the ledger with the store, who and why. Spends the code for stored value (409 "
                    + "member-code-used for a second change with it); 409 insufficient-balance below zero; 422 for a "
                    + "zero change. Send an Idempotency-Key: a retry returns the same receipt.")
    public Response adjustStoredValue(
            @PathParam("storeId") long storeId,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull CounterStoredValue request) {
        if (request.deltaFen() == 0) {
            throw io.mendian.web.ProblemException.unprocessable("zero-change", "the change must not be zero");
        }
        String who = caller.get().username();
        return idempotency.run(key, "counter.stored-value:" + storeId, request, Response.Status.CREATED, () -> {
            long memberId = codes.spend(request.code(), "stored-value");
            var adjusted = storedValue.adjust(memberId, request.deltaFen(), storeId, request.reason(), who);
            return new CounterReceipt(
                    "S" + adjusted.entryId(),
                    memberId,
                    storeId,
                    "STORED_VALUE",
                    request.deltaFen(),
                    adjusted.after().totalFen(),
                    who,
                    Instant.now());
        });
    }
}
