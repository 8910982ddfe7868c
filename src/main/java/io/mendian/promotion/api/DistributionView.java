package io.mendian.promotion.api;

/** What a distribution did: coupons issued, members skipped at their limit, and whether the budget ran out. */
public record DistributionView(long templateId, int issued, int atLimit, boolean budgetExhausted) {}
