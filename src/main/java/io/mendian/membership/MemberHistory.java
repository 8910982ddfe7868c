package io.mendian.membership;

/**
 * Whether a member has left anything in another context (orders, coupons): a member with history is never merged
 * away. Each context that keeps per-member data implements it; membership asks them all without knowing them.
 */
public interface MemberHistory {

    boolean hasHistory(long memberId);
}
