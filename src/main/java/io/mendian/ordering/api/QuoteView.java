package io.mendian.ordering.api;

import java.util.List;

import io.mendian.promotion.PriceBreakdown;

/** One store's part of the cart priced as checkout would price it now, with the price explained line by line. */
public record QuoteView(long storeId, List<OrderView.Line> lines, long itemsFen, long feeFen, PriceBreakdown pricing) {}
