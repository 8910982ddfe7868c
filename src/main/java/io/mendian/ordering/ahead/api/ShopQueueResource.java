package io.mendian.ordering.ahead.api;

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
import io.mendian.ordering.ahead.MakeQueue;

/** The member follows their order in the store's queue (C12). */
@Path("/api/shop/{appid}/orders/{orderNo}/queue")
@Tag(name = "Shop: order ahead")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopQueueResource {

    private final MakeQueue queue;
    private final CurrentConsumer consumer;

    public ShopQueueResource(MakeQueue queue, CurrentConsumer consumer) {
        this.queue = queue;
        this.consumer = consumer;
    }

    @GET
    @Operation(
            summary = "My order in the queue",
            description = "Its queue number, how many orders are made before it and when it should be ready. 409 "
                    + "not-queued for an order without a number (not an order-ahead pickup, or unpaid).")
    public QueueStatusView get(@PathParam("appid") String appid, @PathParam("orderNo") String orderNo) {
        return queue.member(consumer.memberId(), orderNo);
    }
}
