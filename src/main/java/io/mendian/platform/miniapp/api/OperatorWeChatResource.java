package io.mendian.platform.miniapp.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import io.mendian.platform.miniapp.DeploymentViews;
import io.mendian.platform.miniapp.Deployments;
import io.mendian.platform.miniapp.Rollouts;
import io.mendian.platform.miniapp.TokenStore;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.identity.SecurityIdentity;

/** The operator's view of the WeChat third-party platform: component health and template rollouts. */
@Path("/api/platform/wechat")
@Tag(name = "Operator: WeChat Open Platform")
@RolesAllowed(AccessFilter.OPERATOR_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class OperatorWeChatResource {

    /** Roll a code template out to every authorized brand, at most maxConcurrent at a time. */
    public record RolloutRequest(
            @NotNull @Positive Long templateId,
            @NotBlank @Size(max = 64) String userVersion,
            @NotBlank @Size(max = 200) String userDesc,
            @NotNull @Min(1) @Max(50) Integer maxConcurrent) {}

    private final TokenStore tokens;
    private final Rollouts rollouts;
    private final DeploymentViews views;
    private final SecurityIdentity identity;

    public OperatorWeChatResource(
            TokenStore tokens, Rollouts rollouts, DeploymentViews views, SecurityIdentity identity) {
        this.views = views;
        this.tokens = tokens;
        this.rollouts = rollouts;
        this.identity = identity;
    }

    @GET
    @Path("/component")
    @Operation(summary = "Ticket and token health: OK, TICKET_LATE (serving the last token), NO_TICKET or DEGRADED")
    public TokenStore.ComponentStatus component() {
        return tokens.componentStatus();
    }

    @POST
    @Path("/rollouts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Upgrade every authorized brand to a code template, with bounded concurrency",
            description = "Idempotent per brand and version: brands already on it are left alone.")
    public Response rollout(@Valid @NotNull RolloutRequest request) {
        return Response.status(201)
                .entity(rollouts.start(
                        request.templateId(),
                        request.userVersion(),
                        request.userDesc(),
                        request.maxConcurrent(),
                        identity.getPrincipal().getName()))
                .build();
    }

    @GET
    @Path("/deployments")
    @Operation(
            summary = "Every brand's mini-program deployments, newest change first",
            description = "state=AUDIT_FAILED or FAILED lists the brands that need attention.")
    public Page<Deployments.View> deployments(
            @BeanParam PageRequest page,
            @Parameter(
                            description =
                                    "PENDING, DOMAINS_SET, COMMITTED, AUDITING, AUDIT_PASSED, RELEASED, AUDIT_FAILED or FAILED")
                    @QueryParam("state")
                    String state) {
        return views.list(QueryParams.enumValue("state", state, Deployments.State.class), page);
    }

    @GET
    @Path("/rollouts/{id}")
    @Operation(summary = "A rollout's progress per brand")
    public Rollouts.View rolloutStatus(@PathParam("id") String id) {
        return rollouts.get(QueryParams.requiredId("id", id));
    }
}
