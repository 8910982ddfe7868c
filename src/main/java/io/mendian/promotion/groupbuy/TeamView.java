package io.mendian.promotion.groupbuy;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A group-buy team as anyone with its link sees it: the offer, the seats taken and the time left. */
public record TeamView(
        long teamId,
        long groupBuyId,
        String name,
        long storeId,
        long skuId,
        String productName,

        @Schema(description = "The store's own price now (null when it no longer sells the SKU)")
        Long storePriceFen,

        long priceFen,
        int groupSize,

        @Schema(description = "Members holding a seat (paid or paying)")
        int joined,

        @Schema(description = "Members who paid; the team forms when this reaches groupSize")
        int paid,

        @Schema(description = "OPEN, FORMED or FAILED") String status,
        Instant expiresAt,
        Instant serverNow) {}
