package io.mendian.identity.staff;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signed-in person's own invitations, across every brand. The address is the one Keycloak holds for the account
 * (the token's subject), never one the client names, so nobody can read or accept an invitation addressed to
 * someone else.
 */
@Path("/api/me/invitations")
@Tag(name = "Me: invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class MyInvitationsResource {

    private final Invitations invitations;
    private final SecurityIdentity identity;

    public MyInvitationsResource(Invitations invitations, SecurityIdentity identity) {
        this.invitations = invitations;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Invitations to brands' staff that wait for my answer")
    public List<InvitationView> pending() {
        return invitations.pendingFor(subject());
    }

    @POST
    @Path("/{invitationId}/accept")
    @Operation(
            summary = "Accept: my account joins the brand with the roles offered",
            description = "Takes effect at the next token refresh. "
                    + "Accepting twice answers 404 the second time (the invitation is no longer pending).")
    public InvitationView accept(@PathParam("invitationId") String invitationId) {
        return invitations.accept(subject(), invitationId);
    }

    @POST
    @Path("/{invitationId}/decline")
    @Operation(summary = "Decline: nothing changes for my account")
    public InvitationView decline(@PathParam("invitationId") String invitationId) {
        return invitations.decline(subject(), invitationId);
    }

    private String subject() {
        return ((JsonWebToken) identity.getPrincipal()).getSubject();
    }
}
