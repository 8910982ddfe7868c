package io.mendian.ordering.domain;

/**
 * One line of an order's price explanation beyond its goods: the delivery fee today; discounts (coupons, member
 * prices, campaigns) join through the pricing pipeline when the marketing context arrives. {@code amountFen} is
 * positive for what is added and negative for what is taken off.
 */
public record Adjustment(String kind, String label, long amountFen) {}
