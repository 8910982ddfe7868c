package io.mendian.platform;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The subscription-message templates a storefront asks its member to allow (wx.requestSubscribeMessage) before the
 * moments Mendian writes to them: an order is ready, an appointment is near, a seat came free. Without an allowance
 * WeChat delivers nothing, so the mini-program asks at the tap that leads there.
 */
@Path("/api/shop/{appid}/message-templates")
@Tag(name = "Shop: session")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopMessageTemplateResource {

    private final WeChatMessages messages;

    public ShopMessageTemplateResource(WeChatMessages messages) {
        this.messages = messages;
    }

    @GET
    @Operation(
            summary = "The message templates to ask the member to allow",
            description = "orderReady before paying an order, appointmentReminder before booking, seatOffered before "
                    + "joining a course's waiting list.")
    public WeChatMessages.Templates templates(@PathParam("appid") String appid) {
        return messages.templates();
    }
}
