package io.mendian.identity.staff;

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
import io.quarkus.security.Authenticated;

/** The brand's staff and roles (H9). Changes reach a person's token at its next refresh (at most 5 minutes). */
@Path("/api/hq/staff")
@Tag(name = "HQ: staff and roles")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HqStaffResource {

    private final StaffAdministration staff;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqStaffResource(StaffAdministration staff, CurrentCaller caller, Idempotency idempotency) {
        this.staff = staff;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.STAFF_READ)
    @Operation(
            summary = "Staff of the brand with their roles here",
            description = "Scoped managers see the staff inside their scope.")
    public Page<StaffView> list(@BeanParam PageRequest page) {
        return staff.list(caller.get(), page);
    }

    @POST
    @Requires(Capability.STAFF_MANAGE)
    @Operation(
            summary = "Invite a staff member",
            description =
                    "An address with no account gets one (a set-password e-mail goes out in "
                            + "production) with the roles: 201 with the staff member. An address whose account exists elsewhere is never attached: it gets a "
                            + "pending invitation by e-mail that its owner accepts (202 with the invitation, which names no account). Someone already on this "
                            + "brand's staff gains the roles: 201. Nobody can grant a role above their own or outside their scope. Send an Idempotency-Key.")
    public Response invite(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull InviteRequest request) {
        var who = caller.get();
        return idempotency.respond(key, "staff.invite", request, () -> staff.invite(who, request));
    }

    @GET
    @Path("/invitations")
    @Requires(Capability.STAFF_MANAGE)
    @Operation(summary = "Invitations of this brand that wait for their invitee's answer")
    public List<InvitationView> invitations() {
        return staff.pendingInvitations(caller.get());
    }

    @DELETE
    @Path("/invitations/{invitationId}")
    @Requires(Capability.STAFF_MANAGE)
    @Operation(summary = "Withdraw a pending invitation")
    public Response withdraw(@PathParam("invitationId") String invitationId) {
        staff.withdrawInvitation(caller.get(), invitationId);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{userId}/grants")
    @Requires(Capability.STAFF_MANAGE)
    @Operation(summary = "Replace a staff member's roles in this brand")
    public StaffView replaceGrants(@PathParam("userId") String userId, @Valid @NotNull GrantsRequest request) {
        return staff.replaceGrants(caller.get(), userId, request);
    }

    @DELETE
    @Path("/{userId}")
    @Requires(Capability.STAFF_MANAGE)
    @Operation(summary = "Revoke all roles in this brand and remove the person from it")
    public Response revoke(@PathParam("userId") String userId) {
        staff.revoke(caller.get(), userId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{userId}/disable")
    @Consumes(MediaType.WILDCARD)
    @Requires(Capability.STAFF_MANAGE)
    @Operation(
            summary = "Disable the account",
            description = "Only for accounts that work for this brand alone; otherwise revoke.")
    public StaffView disable(@PathParam("userId") String userId) {
        return staff.setEnabled(caller.get(), userId, false);
    }

    @POST
    @Path("/{userId}/enable")
    @Consumes(MediaType.WILDCARD)
    @Requires(Capability.STAFF_MANAGE)
    @Operation(summary = "Enable a disabled account")
    public StaffView enable(@PathParam("userId") String userId) {
        return staff.setEnabled(caller.get(), userId, true);
    }

    @GET
    @Path("/audit")
    @Requires(Capability.STAFF_AUDIT)
    @Operation(summary = "Audit log of staff and role changes, newest first", description = "Needs a brand-wide role.")
    public Page<AuditEntry> audit(@BeanParam PageRequest page) {
        return staff.audit(page);
    }
}
