package io.mendian.membership.api;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import io.mendian.membership.app.ConsumerSessions;
import io.mendian.membership.app.MemberViews;

/**
 * Consumer sign-in from the brand's mini-program (C1): log in with a {@code wx.login()} code, refresh, sign out, and
 * read one's own membership. Browsing stays anonymous; carts and orders need the member's token.
 */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: session")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopSessionResource {

    private final ConsumerSessions sessions;
    private final MemberViews members;
    private final CurrentConsumer consumer;

    public ShopSessionResource(ConsumerSessions sessions, MemberViews members, CurrentConsumer consumer) {
        this.sessions = sessions;
        this.members = members;
        this.consumer = consumer;
    }

    @POST
    @Path("/session")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Sign in with the code from wx.login()",
            description = "Finds or creates the brand's member for this WeChat user and returns an access token (send "
                    + "it as Bearer) and a refresh token. 400 invalid-login-code or login-code-used: call wx.login() "
                    + "again. A code works once, so this is safe to retry only with a new code.")
    public Response login(@PathParam("appid") String appid, @Valid @NotNull LoginRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(sessions.login(appid, request.code()))
                .build();
    }

    @POST
    @Path("/session/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Exchange a refresh token for a new pair",
            description = "The refresh token works once; presenting a used one signs that session family out (it "
                    + "leaked). 401 invalid-refresh-token: sign in again.")
    public SessionView refresh(@PathParam("appid") String appid, @Valid @NotNull RefreshRequest request) {
        return sessions.refresh(appid, request.refreshToken());
    }

    @DELETE
    @Path("/session")
    @ConsumerOnly
    @Operation(summary = "Sign out everywhere in this brand", description = "Every refresh token of the member ends.")
    public Response logout(@PathParam("appid") String appid) {
        sessions.logoutEverywhere(consumer.memberId());
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @ConsumerOnly
    @Operation(summary = "The signed-in member")
    public MemberView me(@PathParam("appid") String appid) {
        return members.get(consumer.memberId());
    }
}
