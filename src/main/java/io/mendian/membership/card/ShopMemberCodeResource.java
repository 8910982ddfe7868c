package io.mendian.membership.card;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;

/** The member's dynamic code, shown as a QR code in the member centre and scanned at any store's counter. */
@Path("/api/shop/{appid}/me/code")
@Tag(name = "Shop: member centre")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopMemberCodeResource {

    private final MemberCodes codes;
    private final CurrentConsumer consumer;

    public ShopMemberCodeResource(MemberCodes codes, CurrentConsumer consumer) {
        this.codes = codes;
        this.consumer = consumer;
    }

    @GET
    @Operation(
            summary = "My member code, now",
            description = "Changes every minute (refreshAt); a code is accepted until expiresAt. Show it as a QR code.")
    public MemberCodes.Code code(@PathParam("appid") String appid) {
        return codes.issue(consumer.memberId());
    }
}
