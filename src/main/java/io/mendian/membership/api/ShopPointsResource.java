package io.mendian.membership.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.membership.points.MemberPoints;
import io.mendian.membership.points.PointsView;
import io.mendian.web.PageRequest;

/** The member centre's points (C6): balance, what expires soon, the rule, and the ledger. */
@Path("/api/shop/{appid}/me/points")
@Tag(name = "Shop: member centre")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopPointsResource {

    private final MemberPoints points;
    private final CurrentConsumer consumer;

    public ShopPointsResource(MemberPoints points, CurrentConsumer consumer) {
        this.points = points;
        this.consumer = consumer;
    }

    @GET
    @Operation(
            summary = "The member's points",
            description =
                    "Balance (earned in any of the brand's stores, spendable in any), points expiring in 30 days, "
                            + "the brand's rule, and the ledger newest first (paged).")
    public PointsView points(@PathParam("appid") String appid, @BeanParam PageRequest page) {
        return points.of(consumer.memberId(), page);
    }
}
