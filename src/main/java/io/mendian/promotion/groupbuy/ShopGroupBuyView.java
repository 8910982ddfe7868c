package io.mendian.promotion.groupbuy;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A live group buy at one store, with teams a shopper can join right now (soonest to expire first). */
public record ShopGroupBuyView(
        long id,
        String name,
        long skuId,
        String productName,

        @Schema(description = "The store's own price now, struck through next to the group price")
        long storePriceFen,

        long priceFen,
        int groupSize,
        int hours,
        Instant endsAt,

        @Schema(description = "Open teams at this store with a free seat (at most five)")
        List<TeamView> openTeams,

        Instant serverNow) {}
