package io.mendian.promotion.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mendian.promotion.PriceBreakdown;

/**
 * What a refund of some units returns, taken exactly from what the quote apportioned to those lines: cash, points and
 * stored value. Partial quantities are prorated cumulatively (what units 1..k of a line carry is fixed), so refunding a
 * line in several steps returns exactly what refunding it at once would.
 */
public record RefundSplit(List<Part> lines, long cashFen, long points, long pointsFen, long storedValueFen) {

    public record Part(String key, int quantity, long cashFen, long points, long pointsFen, long storedValueFen) {}

    /**
     * @param before units of each line refunded earlier (absent = none)
     * @param now units of each line to refund now; the fee line ({@link PriceBreakdown#FEE_LINE}) has one unit
     */
    public static RefundSplit of(PriceBreakdown quote, Map<String, Integer> before, Map<String, Integer> now) {
        List<Part> parts = new ArrayList<>();
        for (PriceBreakdown.Line line : quote.lines()) {
            int k = now.getOrDefault(line.key(), 0);
            if (k == 0) {
                continue;
            }
            int done = before.getOrDefault(line.key(), 0);
            if (k < 0 || done < 0 || done + k > line.quantity()) {
                throw new IllegalArgumentException(
                        "line " + line.key() + ": refunding " + k + " after " + done + " of " + line.quantity());
            }
            int q = line.quantity();
            parts.add(new Part(
                    line.key(),
                    k,
                    slice(line.cashFen(), done, k, q),
                    slice(line.points(), done, k, q),
                    slice(line.pointsFen(), done, k, q),
                    slice(line.storedValueFen(), done, k, q)));
        }
        List<String> unknown = now.keySet().stream()
                .filter(key -> quote.lines().stream().noneMatch(l -> l.key().equals(key)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no such lines: " + unknown);
        }
        return new RefundSplit(
                List.copyOf(parts),
                parts.stream().mapToLong(Part::cashFen).sum(),
                parts.stream().mapToLong(Part::points).sum(),
                parts.stream().mapToLong(Part::pointsFen).sum(),
                parts.stream().mapToLong(Part::storedValueFen).sum());
    }

    /** What units done+1..done+k of a line carrying {@code amount} over {@code q} units return. */
    private static long slice(long amount, int done, int k, int q) {
        return upTo(amount, done + k, q) - upTo(amount, done, q);
    }

    private static long upTo(long amount, int units, int q) {
        return units == q ? amount : Apportion.mulDiv(amount, units, q);
    }
}
