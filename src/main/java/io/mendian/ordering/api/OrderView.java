package io.mendian.ordering.api;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mendian.ordering.domain.Adjustment;
import io.mendian.promotion.PriceBreakdown;

/** An order as its member (or its store) sees it: lines, the price explained, fulfilment, and its timeline. */
public record OrderView(
        String orderNo,
        long storeId,
        String status,
        String fulfilmentMode,
        OffsetDateTime pickupAt,
        CheckoutRequest.Address address,
        String note,
        List<Line> lines,
        long itemsFen,
        List<Adjustment> adjustments,
        long deliveryFeeFen,
        long discountFen,
        long totalFen,
        OffsetDateTime payBy,
        OffsetDateTime createdAt,

        @Schema(
                description = "Shown to the member once paid, until the order is picked up; never to staff, who ask "
                        + "the customer for it")
        String pickupCode,

        List<Event> timeline,

        @Schema(description = "Why this price: each line's share of every discount (absent for older orders)")
        PriceBreakdown pricing,

        @Schema(
                description = "Order ahead (C12): the number called at the counter, such as A023, once paid; unique "
                        + "at the store that day")
        String queueNo,

        @Schema(description = "Order ahead: picked up as soon as possible (pickupAt is when it became due)")
        boolean asap) {

    /** One SKU at the price fixed at checkout. */
    public record Line(long skuId, String skuCode, String productName, long unitPriceFen, int quantity, long lineFen) {}

    /** A status change: who made it and when. */
    public record Event(String status, String actor, String note, OffsetDateTime at) {}
}
