package io.mendian.promotion.flash;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A flash sale as a shopper at one store sees it, with the server's clock for the countdown. */
public record ShopFlashSaleView(
        long id,
        String name,
        long skuId,
        String productName,

        @Schema(description = "The store's own price now, struck through next to the flash price")
        long storePriceFen,

        long priceFen,
        int quantity,

        @Schema(description = "About how many units are left (the gate's count; the order is the proof)")
        int left,

        int perMemberLimit,
        Instant startsAt,
        Instant endsAt,
        @Schema(description = "UPCOMING, LIVE or SOLD_OUT") String state,
        Instant serverNow) {}
