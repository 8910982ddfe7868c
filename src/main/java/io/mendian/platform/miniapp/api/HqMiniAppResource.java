package io.mendian.platform.miniapp.api;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.platform.miniapp.Authorizations;
import io.mendian.platform.miniapp.DeploymentViews;
import io.mendian.platform.miniapp.Deployments;
import io.mendian.web.Idempotency;
import io.mendian.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;

/** HQ's mini-program (P4): authorize it to Mendian's third-party platform, watch deployment and audit, resubmit. */
@Path("/api/hq/miniapp")
@Tag(name = "HQ: mini-program")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqMiniAppResource {

    /** The brand's mini-program: its authorization and the latest deployment with its history. */
    public record MiniAppStatus(Authorizations.Authorization authorization, Deployments.View deployment) {}

    private final Authorizations authorizations;
    private final Deployments deployments;
    private final DeploymentViews views;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqMiniAppResource(
            Authorizations authorizations,
            Deployments deployments,
            DeploymentViews views,
            CurrentCaller caller,
            Idempotency idempotency) {
        this.views = views;
        this.authorizations = authorizations;
        this.deployments = deployments;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.MINIAPP_READ)
    @Operation(summary = "Authorization, deployment state, audit result (with WeChat's rejection reason) and history")
    public MiniAppStatus status() {
        var brand = caller.get().tenant();
        return new MiniAppStatus(
                authorizations.forBrand(brand).orElse(null),
                QuarkusTransaction.requiringNew()
                        .call(() -> views.latestForBrand(brand))
                        .orElse(null));
    }

    @POST
    @Path("/authorization")
    @Requires(Capability.MINIAPP_MANAGE)
    @Operation(
            summary = "Get a link for the brand's administrator to authorize its mini-program on WeChat",
            description =
                    "Open authorizationUrl, approve on WeChat; WeChat returns the browser to Mendian and deployment starts by itself.")
    public Authorizations.Link authorize() {
        var who = caller.get();
        return authorizations.link(who.tenant().value(), who.username());
    }

    @POST
    @Path("/deployments")
    @Requires(Capability.MINIAPP_MANAGE)
    @Operation(
            summary = "Resubmit after a rejection or failure, or deploy the current template again",
            description = "Send an Idempotency-Key. 409 while a deployment is still running.")
    public Response deploy(@HeaderParam(Idempotency.HEADER) String key) {
        String tenant = caller.get().tenant().value();
        Optional<Authorizations.Authorization> authorization =
                authorizations.forBrand(caller.get().tenant()).filter(a -> "AUTHORIZED".equals(a.status()));
        if (authorization.isEmpty()) {
            throw ProblemException.conflict(
                    "not-authorized", "authorize the brand's mini-program first (POST /api/hq/miniapp/authorization)");
        }
        return idempotency.runOnControlPlane(
                caller.get().tenant(),
                key,
                "miniapp.deploy",
                null,
                Response.Status.ACCEPTED,
                () -> deployments.resubmit(tenant, authorization.get().appid()));
    }
}
