package io.mendian.platform.registry;

import java.time.OffsetDateTime;

/** One move of a brand's schema to another shard, as the operator follows it (docs/operations/shards.md). */
public record ShardMoveView(
        String id,
        String tenant,
        String source,
        String target,
        String state,
        String detail,
        int tablesCopied,
        long rowsCopied,
        String requestedBy,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {}
