package io.mendian.promotion.groupbuy;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.store.StoreApi;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/**
 * Group buys for the storefront: what a store runs, one team's progress for its share link (both anonymous: a friend
 * opens the link before signing in), and the member's own seats. Store lists are kept two seconds per instance.
 */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: group buy")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopGroupBuyResource {

    private final Cache<String, List<ShopGroupBuyView>> recent = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(2))
            .build();

    private final GroupBuys buys;
    private final GroupTeams teams;
    private final StoreApi stores;
    private final TenantContext tenant;
    private final CurrentConsumer consumer;

    public ShopGroupBuyResource(
            GroupBuys buys, GroupTeams teams, StoreApi stores, TenantContext tenant, CurrentConsumer consumer) {
        this.buys = buys;
        this.teams = teams;
        this.stores = stores;
        this.tenant = tenant;
        this.consumer = consumer;
    }

    @GET
    @Path("/stores/{storeId}/group-buys")
    @Operation(
            summary = "Live group buys at a store",
            description = "For SKUs the store sells, each with up to five open teams there that have a free seat. "
                    + "Open a team or join one with POST /api/shop/{appid}/checkout/group-buy. Anonymous.")
    public List<ShopGroupBuyView> list(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        long store = QueryParams.requiredId("storeId", storeId);
        if (!stores.isBrowsable(store)) {
            throw ProblemException.notFound("store " + store);
        }
        return recent.get(tenant.require().schema() + ":" + store, key -> buys.atStore(store));
    }

    @GET
    @Path("/group-teams/{teamId}")
    @Operation(
            summary = "A group-buy team, for its share link",
            description = "Seats taken and paid, the deadline and the server's clock. Anonymous; it names nobody.")
    public TeamView team(@PathParam("appid") String appid, @PathParam("teamId") String teamId) {
        return teams.team(QueryParams.requiredId("teamId", teamId));
    }

    @GET
    @Path("/me/group-teams")
    @ConsumerOnly
    @Operation(
            summary = "The member's group-buy seats, newest first",
            description = "Each with its team's progress and the order holding the seat.")
    public List<MyTeamView> mine(@PathParam("appid") String appid) {
        return teams.mine(consumer.memberId());
    }
}
