package io.mendian.platform.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.platform.registry.persistence.TenantEntity;
import io.mendian.tenancy.LiquibaseRunner;
import io.mendian.tenancy.SchemaCopy;
import io.mendian.tenancy.SchemaLock;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.TenantMigrator;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Moves a brand's schema to another shard (docs/adr/0022, docs/operations/shards.md), with nothing lost:
 *
 * <ol>
 *   <li>the brand turns read-only (writes answer 503 brand-moving) and every instance is given time to hear it;
 *   <li>the target gets the schema from the tenant changelog, empty;
 *   <li>on the source, one transaction locks every table of the brand in EXCLUSIVE mode: reads go on, any write that
 *       slipped past the read-only gate (a job, an event handler) waits;
 *   <li>rows, sequences, the brand's unpublished events and recent deduplication records are copied, and both sides'
 *       row counts and row hashes compared;
 *   <li>the source schema is renamed aside in the locking transaction, the target commits, the registry switches, and
 *       the source commits: a write that waited then fails (its table is gone from the brand's schema) instead of
 *       landing on the old copy, so its caller retries and reaches the new server;
 *   <li>the brand is writable again. The renamed source stays for the operator to drop.
 * </ol>
 *
 * A failure before the switch leaves the brand where it was (the target's partial schema and copied events are
 * dropped). The move holds the brand's {@link SchemaLock} from the request on, also while queued; a move whose instance
 * died is finished or undone by the recovery sweep of any instance, according to where the registry points.
 */
@ApplicationScoped
public class ShardMoves {

    private final Shards shards;
    private final LiquibaseRunner liquibase;
    private final TenantRegistry registry;
    private final ShardMoveRows rows;
    private final Duration settle;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("shard-move").daemon().factory());

    public ShardMoves(
            Shards shards,
            LiquibaseRunner liquibase,
            TenantRegistry registry,
            ShardMoveRows rows,
            @ConfigProperty(name = "mendian.tenancy.directory-cache-ttl", defaultValue = "5S") Duration directoryTtl) {
        this.shards = shards;
        this.liquibase = liquibase;
        this.registry = registry;
        this.rows = rows;
        // Signals reach the other instances at once; the registry cache's TTL is the backstop when one is lost.
        this.settle = directoryTtl.plusSeconds(1);
    }

    /** Starts moving the brand to {@code target}; the move runs in the background (follow it with {@link #of}). */
    public ShardMoveView request(String tenantId, String target, String actor) {
        if (!shards.exists(target)) {
            throw ProblemException.badRequest(
                            "unknown-shard", "no shard is named " + io.mendian.web.Problem.clip(target))
                    .with("shards", shards.names());
        }
        TenantEntity tenant = QuarkusTransaction.requiringNew()
                .call(() -> tenantId == null ? null : TenantEntity.<TenantEntity>findById(tenantId));
        if (tenant == null) {
            throw ProblemException.notFound("tenant " + io.mendian.web.Problem.clip(tenantId));
        }
        if (tenant.status == BrandStatus.PROVISIONING || tenant.migrationError != null) {
            throw ProblemException.conflict(
                    "tenant-not-movable", "only a provisioned, healthy brand can be moved; " + tenant.id + " is not");
        }
        if (tenant.shard.equals(target)) {
            throw ProblemException.conflict("already-there", "brand " + tenant.id + " is already on shard " + target);
        }
        TenantId brand = new TenantId(tenant.id);
        // The brand's schema lock is taken now and handed to the worker: a move queued behind another one already
        // holds it, so no recovery sweep takes the queued move for one whose instance died.
        Connection guard = lockSchema(brand);
        try {
            UUID id = UUID.randomUUID();
            if (!rows.start(id, tenant.id, tenant.shard, target, actor)) {
                throw ProblemException.conflict("move-in-progress", "brand " + tenant.id + " is being moved already");
            }
            String source = tenant.shard;
            worker.submit(() -> run(guard, id, brand, source, target));
            return rows.get(id);
        } catch (RuntimeException e) {
            MoveSteps.closeQuietly(guard);
            throw e;
        }
    }

    private Connection lockSchema(TenantId brand) {
        Connection guard = null;
        try {
            guard = shards.openUnpooled(Shards.DEFAULT);
            if (!SchemaLock.tryTake(guard, brand)) {
                throw ProblemException.conflict(
                        "schema-busy",
                        "brand " + brand.value()
                                + " is being moved or migrated by another instance; try again shortly");
            }
            return guard;
        } catch (SQLException e) {
            MoveSteps.closeQuietly(guard);
            throw new IllegalStateException("the control plane's server cannot be reached to lock " + brand, e);
        } catch (RuntimeException e) {
            MoveSteps.closeQuietly(guard);
            throw e;
        }
    }

    public List<ShardMoveView> of(TenantId brand) {
        return rows.of(brand.value(), 20);
    }

    private void run(Connection guard, UUID id, TenantId brand, String source, String target) {
        try (guard) {
            // Queued behind another move, the brand may have been moved by someone else meanwhile: then it is not this
            // move's to run.
            String now = QuarkusTransaction.requiringNew()
                    .call(() -> TenantEntity.<TenantEntity>findById(brand.value()).shard);
            if (!"RUNNING".equals(rows.get(id).state()) || !now.equals(source)) {
                rows.finish(id, "FAILED", "the brand is on " + now + " now; nothing was moved", 0, 0);
                return;
            }
            move(id, brand, source, target);
        } catch (SQLException | RuntimeException e) {
            Log.errorf(e, "move of %s could not run", brand);
            rows.finish(id, "FAILED", "could not run: " + e.getMessage(), 0, 0);
        }
    }

    private void move(UUID id, TenantId brand, String source, String target) {
        String schema = brand.schema();
        DataSource from = shards.dataSource(source);
        DataSource to = shards.dataSource(target);
        boolean switched = false;
        boolean created = false;
        try {
            registry.setMoving(brand, true);
            rows.step(id, "read-only; waiting " + settle.toSeconds() + " s for every instance to hear it");
            MoveSteps.pause(settle);
            rows.step(id, "creating the schema on " + target);
            if (MoveSteps.schemaExists(to, schema)) {
                // Never overwritten: a schema of this name there is someone's data (a restore, a copy kept aside).
                throw new IllegalStateException(
                        "shard " + target + " already has a schema " + schema + "; rename or drop it there first");
            }
            created = true;
            liquibase.update(to, schema, TenantMigrator.CHANGELOG);
            try (Connection src = from.getConnection();
                    Connection dst = to.getConnection()) {
                src.setAutoCommit(false);
                dst.setAutoCommit(false);
                Map<String, Long> copied;
                int events;
                try {
                    rows.step(id, "copying from " + source);
                    MoveSteps.lockEveryTable(src, schema);
                    copied = SchemaCopy.copy(src, dst, schema);
                    if (!SchemaCopy.fingerprints(src, schema).equals(SchemaCopy.fingerprints(dst, schema))) {
                        throw new SQLException("the copy differs from the source; nothing was switched");
                    }
                    events = MoveSteps.moveUnpublishedEvents(src, dst, brand);
                    MoveSteps.copyRecentDeduplication(src, dst);
                    // The old copy loses the brand's name in the locking transaction before the switch, so that a
                    // failed rename leaves everything where it was; only the source's commit can fail after it.
                    MoveSteps.renameAside(src, schema);
                    dst.commit();
                    registry.setShard(brand, target);
                    switched = true;
                    src.commit();
                } catch (SQLException | RuntimeException e) {
                    // Explicitly: a pooled connection closed with work pending may commit it when the pool resets
                    // autocommit, and the source's deletion of the moved events must never commit without the copy.
                    MoveSteps.rollbackQuietly(src);
                    MoveSteps.rollbackQuietly(dst);
                    throw e;
                }
                // Writable again only once every instance routes to the target (signals first, the TTL as backstop).
                MoveSteps.pause(settle);
                registry.setMoving(brand, false);
                long total = copied.values().stream().mapToLong(Long::longValue).sum();
                rows.finish(
                        id,
                        "DONE",
                        "moved " + copied.size() + " tables, " + total + " rows and " + events + " unpublished events; "
                                + "the old schema on " + source + " was renamed aside for the operator to drop",
                        copied.size(),
                        total);
                Log.infof("brand %s moved from shard %s to %s (%d rows)", brand, source, target, total);
            }
        } catch (SQLException | RuntimeException e) {
            Log.errorf(e, "move of %s to %s failed", brand, target);
            if (!switched) {
                if (created) {
                    undo(brand, to, schema);
                } else {
                    registry.setMoving(brand, false);
                }
                rows.finish(id, "FAILED", e.getMessage() + "; the brand stays on " + source, 0, 0);
            } else {
                // Switched, but the old copy still has the live name: a stale route could write into it, so the brand
                // stays read-only and the move RUNNING until the recovery sweep has renamed it aside.
                rows.step(
                        id,
                        "switched to " + target + "; the old schema on " + source + " is renamed aside by the "
                                + "recovery sweep (" + e.getMessage() + ")");
            }
        }
    }

    private void undo(TenantId brand, DataSource target, String schema) {
        try {
            liquibase.dropSchema(target, schema);
        } catch (RuntimeException e) {
            Log.warnf("the partial copy of %s could not be dropped: %s", brand, e.getMessage());
        }
        try {
            // Copies of the events that stayed on the source (its deletion was rolled back): only one server sends
            // them.
            MoveSteps.dropUnpublishedEvents(target, brand);
        } catch (SQLException e) {
            Log.warnf("copied events of %s could not be dropped from the target: %s", brand, e.getMessage());
        }
        registry.setMoving(brand, false);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
