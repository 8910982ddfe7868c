package io.mendian.promotion.app;

import java.util.List;

import io.mendian.promotion.PriceBreakdown;
import io.mendian.promotion.pricing.DiscountKind;
import io.mendian.promotion.pricing.Quote;

/** The engine's quote as the wire and the order's record carry it, and back (for refunds). */
final class Breakdowns {

    private Breakdowns() {}

    static PriceBreakdown of(Quote quote, List<PriceBreakdown.Refusal> earlier) {
        List<PriceBreakdown.Refusal> refused = new java.util.ArrayList<>(earlier);
        quote.refused()
                .forEach(r -> refused.add(new PriceBreakdown.Refusal(r.kind().name(), r.id(), r.reason())));
        return new PriceBreakdown(
                quote.itemsFen(),
                quote.discountFen(),
                quote.feeFen(),
                quote.pointsUsed(),
                quote.pointsFen(),
                quote.storedValueFen(),
                quote.cashFen(),
                quote.lines().stream()
                        .map(l -> new PriceBreakdown.Line(
                                l.key(),
                                l.skuId(),
                                l.quantity(),
                                l.baseFen(),
                                l.shares().stream()
                                        .map(s -> new PriceBreakdown.Share(
                                                s.kind().name(), s.discountId(), s.label(), s.fen()))
                                        .toList(),
                                l.netFen(),
                                l.points(),
                                l.pointsFen(),
                                l.storedValueFen(),
                                l.cashFen()))
                        .toList(),
                quote.applied().stream()
                        .map(a -> new PriceBreakdown.Discount(a.kind().name(), a.id(), a.label(), a.fen()))
                        .toList(),
                List.copyOf(refused));
    }

    static Quote quote(PriceBreakdown price) {
        return new Quote(
                price.lines().stream()
                        .map(l -> new Quote.LineQuote(
                                l.key(),
                                l.skuId(),
                                l.quantity(),
                                l.baseFen(),
                                l.shares().stream()
                                        .map(s -> new Quote.Share(
                                                DiscountKind.valueOf(s.kind()), s.discountId(), s.label(), s.fen()))
                                        .toList(),
                                l.netFen(),
                                l.points(),
                                l.pointsFen(),
                                l.storedValueFen(),
                                l.cashFen()))
                        .toList(),
                price.discounts().stream()
                        .map(d -> new Quote.Applied(DiscountKind.valueOf(d.kind()), d.id(), d.label(), d.fen()))
                        .toList(),
                List.of(),
                price.itemsFen(),
                price.discountFen(),
                price.feeFen(),
                price.pointsUsed(),
                price.pointsFen(),
                price.storedValueFen(),
                price.cashFen());
    }
}
