package io.mendian.platform.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.platform.registry.persistence.TenantEntity;
import io.mendian.tenancy.SchemaLock;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantId;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/** Finishes or undoes the moves of instances that died mid-move ({@link ShardMoves}), on any instance. */
@ApplicationScoped
class ShardMoveRecovery {

    private final Shards shards;
    private final TenantRegistry registry;
    private final ShardMoveRows rows;
    private final Duration settle;

    ShardMoveRecovery(
            Shards shards,
            TenantRegistry registry,
            ShardMoveRows rows,
            @ConfigProperty(name = "mendian.tenancy.directory-cache-ttl", defaultValue = "5S") Duration directoryTtl) {
        this.shards = shards;
        this.registry = registry;
        this.rows = rows;
        this.settle = directoryTtl.plusSeconds(1);
    }

    /**
     * Moves that were RUNNING on an instance that died: finished when the registry already points to the target,
     * undone otherwise. A live move (running or queued) holds the brand's schema lock, so it is never taken for a dead one.
     */
    @Scheduled(
            every = "${mendian.shards.move-recovery-every:60s}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recover() {
        for (ShardMoveView move : rows.running()) {
            TenantId brand = new TenantId(move.tenant());
            try (Connection guard = shards.openUnpooled(Shards.DEFAULT)) {
                if (!SchemaLock.tryTake(guard, brand)) {
                    continue;
                }
                String now = QuarkusTransaction.requiringNew()
                        .call(() -> TenantEntity.<TenantEntity>findById(move.tenant()).shard);
                UUID id = UUID.fromString(move.id());
                if (now.equals(move.target())) {
                    // The old copy must lose the brand's name before anyone may write again.
                    try (Connection src = shards.dataSource(move.source()).getConnection()) {
                        if (MoveSteps.schemaExists(src, brand.schema())) {
                            MoveSteps.lockAndRenameAside(src, brand.schema());
                        }
                    }
                    MoveSteps.pause(settle);
                    registry.setMoving(brand, false);
                    rows.finish(
                            id,
                            "DONE",
                            "finished by the recovery sweep; the old schema on " + move.source() + " was renamed aside",
                            0,
                            0);
                } else {
                    // Not dropped here: whether the schema on the target is this move's partial copy cannot be
                    // told any more, and a move never overwrites a schema, so the operator decides. Events copied
                    // there are dropped: the brand's own stayed on the source.
                    MoveSteps.dropUnpublishedEvents(shards.dataSource(move.target()), brand);
                    registry.setMoving(brand, false);
                    rows.finish(
                            id,
                            "FAILED",
                            "interrupted: the moving instance stopped; the brand stays on " + move.source()
                                    + ". A partial copy may remain on " + move.target() + " as " + brand.schema()
                                    + "; drop it there before moving again",
                            0,
                            0);
                }
            } catch (SQLException | RuntimeException e) {
                Log.warnf("recovery of the move of %s failed: %s", brand, e.getMessage());
            }
        }
    }
}
