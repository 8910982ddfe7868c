package io.mendian.membership.wallet;

/** A top-up plan and how many times it was paid for. */
public record TopUpPlanView(long id, String name, long payFen, long giftFen, boolean active, int sort, long sold) {}
