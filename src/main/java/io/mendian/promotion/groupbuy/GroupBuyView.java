package io.mendian.promotion.groupbuy;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A group buy as HQ sees it, with how its teams are doing. */
public record GroupBuyView(
        long id,
        String name,
        long skuId,
        String skuCode,
        String productName,
        long priceFen,
        int groupSize,
        int hours,
        List<Long> storeIds,
        boolean exclusive,
        Instant startsAt,
        Instant endsAt,

        @Schema(description = "UPCOMING, LIVE, OVER (its window passed) or ENDED (by HQ)")
        String state,

        @Schema(description = "Teams still gathering members")
        long teamsOpen,

        @Schema(description = "Teams that formed: their orders went to the stores")
        long teamsFormed,

        @Schema(description = "Teams that did not form in time: every member was refunded")
        long teamsFailed,

        String createdBy,
        Instant createdAt,
        String endedBy) {}
