package io.mendian.membership.points;

import java.time.OffsetDateTime;

import io.mendian.web.Page;

/** A member's points: the balance, what expires next, the rule, and the ledger that proves the balance. */
public record PointsView(
        long balance, long expiringSoon, OffsetDateTime nextExpiry, PointsRule rule, Page<PointsEntry> ledger) {}
