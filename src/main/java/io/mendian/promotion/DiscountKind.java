package io.mendian.promotion;

/**
 * The kinds of discount, in the order the pipeline applies them. HQ's stacking matrix says which kinds combine; the
 * two tenders (points, stored value) come after every discount and are not in the matrix: they are ways to pay.
 */
public enum DiscountKind {
    ITEM_ACTIVITY,
    FULL_REDUCTION,
    HQ_COUPON,
    STORE_COUPON;

    public boolean coupon() {
        return this == HQ_COUPON || this == STORE_COUPON;
    }
}
