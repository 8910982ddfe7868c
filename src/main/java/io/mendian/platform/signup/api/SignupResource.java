package io.mendian.platform.signup.api;

import java.time.Duration;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.platform.signup.SignupOptions;
import io.mendian.platform.signup.SignupRequest;
import io.mendian.platform.signup.SignupRules;
import io.mendian.platform.signup.SignupView;
import io.mendian.platform.signup.Signups;
import io.mendian.web.Idempotency;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.mendian.web.RateLimiter;
import io.vertx.core.http.HttpServerRequest;

/**
 * Self-service signup (P1). Public: the job id is an unguessable capability that only the submitter learns.
 */
@Path("/api/signup")
@Tag(name = "Signup")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SignupResource {

    private final Signups signups;
    private final SignupRules rules;
    private final RateLimiter limiter;
    private final RateLimiter.Limit signupLimit;
    private final RateLimiter.Limit readLimit;

    public SignupResource(
            Signups signups,
            SignupRules rules,
            RateLimiter limiter,
            @ConfigProperty(name = "mendian.signup.rate-limit-per-hour", defaultValue = "30") long perClient,
            @ConfigProperty(name = "mendian.signup.rate-limit-global-per-hour", defaultValue = "600") long ceiling,
            @ConfigProperty(name = "mendian.signup.read-limit-per-minute", defaultValue = "300") long readsPerClient) {
        this.signups = signups;
        this.rules = rules;
        this.limiter = limiter;
        this.signupLimit = new RateLimiter.Limit("signup", Duration.ofHours(1), perClient, ceiling);
        this.readLimit =
                new RateLimiter.Limit("signup-read", Duration.ofMinutes(1), readsPerClient, readsPerClient * 100);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Sign a brand up",
            description = "Returns 202 with a provisioning job to poll. Requires an Idempotency-Key: "
                    + "a retry with the same key and body returns the same job.")
    public Response signup(
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull SignupRequest request,
            @Context HttpServerRequest http) {
        Idempotency.requireKey(key);
        limiter.require(signupLimit, "all", http, "signups");
        SignupView job = signups.accept(key, request);
        return Response.accepted(job)
                .header("Location", "/api/signup/" + job.id())
                .build();
    }

    @GET
    @Path("/options")
    @Operation(
            summary = "What a brand can sign up for",
            description = "The self-service plans (monthly price and price per store in fen, trial days, the "
                    + "platform's fee in basis points, limits with -1 for unlimited, features) and the industry "
                    + "templates a brand starts from.")
    public SignupOptions options(@Context HttpServerRequest http) {
        limiter.require(readLimit, "all", http, "requests");
        return rules.options();
    }

    @GET
    @Path("/slugs/{slug}")
    @Operation(
            summary = "Is this brand id free?",
            description = "Checked as the signup form is typed. Always 200: available, or not with the reason "
                    + "(invalid-slug, slug-reserved, slug-taken) and a message. Signing up checks again.")
    @jakarta.transaction.Transactional
    public SignupOptions.SlugCheck slug(@PathParam("slug") String slug, @Context HttpServerRequest http) {
        limiter.require(readLimit, "all", http, "requests");
        return rules.checkSlug(slug);
    }

    @GET
    @Path("/{job}")
    @Operation(
            summary = "Provisioning progress",
            description = "Each step with its state. After success the first response carries the "
                    + "admin's initial password in dev and test (never again).")
    public SignupView get(@PathParam("job") String job, @Context HttpServerRequest http) {
        limiter.require(readLimit, "all", http, "requests");
        return signups.view(parse(job), true);
    }

    @POST
    @Path("/{job}/retry")
    @Operation(summary = "Retry a failed job from its failed step")
    public Response retry(@PathParam("job") String job, @Context HttpServerRequest http) {
        limiter.require(readLimit, "all", http, "requests");
        return Response.accepted(signups.retry(parse(job))).build();
    }

    private static UUID parse(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("signup job " + Problem.clip(raw));
        }
    }
}
