package io.mendian.promotion.flash;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A flash sale as HQ sees it: {@code sold} counts units held by orders that are not void. */
public record FlashSaleView(
        long id,
        String name,
        long skuId,
        String skuCode,
        String productName,
        long priceFen,
        int quantity,
        int sold,
        int perMemberLimit,
        List<Long> storeIds,
        boolean exclusive,
        Instant startsAt,
        Instant endsAt,

        @Schema(description = "UPCOMING, LIVE, SOLD_OUT, OVER (its window passed) or ENDED (by HQ)")
        String state,

        String createdBy,
        Instant createdAt,
        String endedBy) {}
