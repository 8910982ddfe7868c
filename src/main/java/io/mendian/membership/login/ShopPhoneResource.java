package io.mendian.membership.login;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.membership.api.SessionView;
import io.mendian.web.RateLimiter;
import io.vertx.core.http.HttpServerRequest;

/** Phone sign-in for the H5 storefront (SMS code) and phone binding in the mini-program (WeChat's phone button). */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: sign-in")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopPhoneResource {

    public record SmsRequest(@NotBlank @Size(max = 30) String phone) {}

    public record SmsSignIn(
            @NotBlank @Size(max = 30) String phone,
            @NotNull @Pattern(regexp = "^[0-9]{6}$") String code) {}

    public record PhoneCode(@NotBlank @Size(max = 128) String code) {}

    private final PhoneSignIn phones;
    private final CurrentConsumer consumer;
    private final RateLimiter limiter;
    private final RateLimiter.Limit perAddress;

    public ShopPhoneResource(
            PhoneSignIn phones,
            CurrentConsumer consumer,
            RateLimiter limiter,
            @ConfigProperty(name = "mendian.sms.rate-limit-per-hour", defaultValue = "20") long perHour,
            @ConfigProperty(name = "mendian.sms.rate-limit-global-per-hour", defaultValue = "20000") long ceiling) {
        this.phones = phones;
        this.consumer = consumer;
        this.limiter = limiter;
        this.perAddress = new RateLimiter.Limit("sms", java.time.Duration.ofHours(1), perHour, ceiling);
    }

    @POST
    @Path("/sms-codes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Send a sign-in code by SMS",
            description = "A 6-digit code valid for 5 minutes and once. 422 invalid-phone; 429 sms-too-soon (one a "
                    + "minute), sms-daily-limit (ten a day), sms-locked (after five wrong codes, 15 minutes) or "
                    + "rate-limited (per address); 503 sms-unavailable where no SMS provider is configured.")
    public Response sendCode(
            @PathParam("appid") String appid, @Valid @NotNull SmsRequest request, @Context HttpServerRequest http) {
        limiter.require(perAddress, appid, http, "code requests");
        phones.sendCode(appid, request.phone());
        return Response.accepted(java.util.Map.of(
                        "expiresInSeconds",
                        SmsCodes.LIFETIME.toSeconds(),
                        "resendAfterSeconds",
                        SmsCodes.COOLDOWN.toSeconds()))
                .build();
    }

    @POST
    @Path("/session/sms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Sign in with the SMS code",
            description =
                    "Finds the brand's member holding the phone, or creates one, and returns tokens as the WeChat "
                            + "sign-in does. 400 invalid-sms-code (with attemptsLeft) or sms-code-expired; 429 sms-locked.")
    public Response signIn(
            @PathParam("appid") String appid, @Valid @NotNull SmsSignIn request, @Context HttpServerRequest http) {
        limiter.require(perAddress, appid, http, "sign-ins");
        SessionView session = phones.signIn(appid, request.phone(), request.code());
        return Response.status(Response.Status.CREATED).entity(session).build();
    }

    @POST
    @Path("/me/phone")
    @ConsumerOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Bind the phone WeChat vouches for (the getPhoneNumber button's code)",
            description = "A new member whose phone already belongs to a member who signed in by SMS is merged into "
                    + "that member: the answer carries that member's session, to be used from now on. 400 "
                    + "invalid-phone-code; 409 phone-taken when the phone belongs to another WeChat member or this "
                    + "member already has history.")
    public PhoneSignIn.Bound bind(@PathParam("appid") String appid, @Valid @NotNull PhoneCode request) {
        return phones.bind(appid, consumer.memberId(), request.code());
    }
}
