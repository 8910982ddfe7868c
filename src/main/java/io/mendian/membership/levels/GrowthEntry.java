package io.mendian.membership.levels;

import java.time.OffsetDateTime;

/** One change of a member's growth value. */
public record GrowthEntry(
        long delta, String kind, String reference, String note, long growthAfter, OffsetDateTime at) {}
