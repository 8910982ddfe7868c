package io.mendian.membership.card;

import java.time.Instant;

/** The receipt of a change made at the counter with a member's code. */
public record CounterReceipt(
        String receiptNo,
        long memberId,
        long storeId,
        String what,
        long delta,
        long balanceAfter,
        String by,
        Instant at) {}
