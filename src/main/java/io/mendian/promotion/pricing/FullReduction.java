package io.mendian.promotion.pricing;

import java.util.Comparator;
import java.util.List;

/** "Spend X, save Y" over the lines in scope, with tiers; the best tier reached applies. */
public record FullReduction(String id, String label, Scope scope, List<Tier> tiers) {
    public record Tier(long thresholdFen, long offFen) {
        public Tier {
            if (thresholdFen < 0 || offFen <= 0) {
                throw new IllegalArgumentException("tier: threshold >= 0 and off > 0");
            }
        }
    }

    public FullReduction {
        tiers = tiers.stream()
                .sorted(Comparator.comparingLong(Tier::thresholdFen))
                .toList();
    }

    long offFor(long eligibleFen) {
        long off = 0;
        for (Tier tier : tiers) {
            if (eligibleFen >= tier.thresholdFen()) {
                off = Math.max(off, tier.offFen());
            }
        }
        return Math.min(off, eligibleFen);
    }
}
