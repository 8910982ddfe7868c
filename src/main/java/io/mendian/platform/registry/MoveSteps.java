package io.mendian.platform.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import io.mendian.tenancy.SchemaCopy;
import io.mendian.tenancy.TenantId;
import io.quarkus.logging.Log;

/** The SQL of a brand's move between shards ({@link ShardMoves}), each step on the connections it is given. */
final class MoveSteps {

    private MoveSteps() {}

    static boolean schemaExists(DataSource server, String schema) throws SQLException {
        try (Connection c = server.getConnection()) {
            return schemaExists(c, schema);
        }
    }

    static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from pg_namespace where nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * Renames the old copy to {@code moved_<epoch seconds>_<schema>}: a name no brand can have (brand schemas start
     * with {@code t_}), so no later signup can ever take the copy over as its own.
     */
    static void renameAside(Connection src, String schema) throws SQLException {
        try (Statement s = src.createStatement()) {
            s.execute(
                    "alter schema " + schema + " rename to moved_" + System.currentTimeMillis() / 1000 + "_" + schema);
        }
    }

    /**
     * The recovery sweep's rename of an old copy: its tables locked first, so that a transaction still writing there
     * finishes before the rename and one arriving later fails instead of landing in the old copy.
     */
    static void lockAndRenameAside(Connection src, String schema) throws SQLException {
        src.setAutoCommit(false);
        try {
            lockEveryTable(src, schema);
            renameAside(src, schema);
            src.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(src);
            throw e;
        } finally {
            src.setAutoCommit(true);
        }
    }

    /** Deletes the brand's unpublished events on a server the brand does not live on (a failed move's copies). */
    static void dropUnpublishedEvents(DataSource server, TenantId brand) throws SQLException {
        try (Connection c = server.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "delete from platform.outbox where tenant_id = ? and published_at is null")) {
            s.setString(1, brand.value());
            s.executeUpdate();
        }
    }

    /** Waits for every instance to hear a change of the brand's registry row (signals first, the TTL as backstop). */
    static void pause(Duration settle) {
        try {
            Thread.sleep(settle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("move interrupted", e);
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                Log.debugf("closing a move's lock connection: %s", e.getMessage());
            }
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            Log.debugf("rollback after a failed move: %s", e.getMessage());
        }
    }

    /** Waits (at most 30 s) for writers in flight, then keeps new ones waiting; reads go on. */
    static void lockEveryTable(Connection src, String schema) throws SQLException {
        List<String> tables = SchemaCopy.tables(src, schema);
        try (Statement s = src.createStatement()) {
            s.execute("set local lock_timeout = '30s'");
            if (!tables.isEmpty()) {
                s.execute("lock table "
                        + String.join(
                                ", ",
                                tables.stream()
                                        .map(t -> schema + ".\"" + t + "\"")
                                        .toList())
                        + " in exclusive mode");
            }
        }
    }

    /** The brand's events not yet published leave with it: written on the target, deleted at the source. */
    static int moveUnpublishedEvents(Connection src, Connection dst, TenantId brand) throws SQLException {
        int moved = 0;
        try (PreparedStatement select =
                        src.prepareStatement("delete from platform.outbox where tenant_id = ? and published_at is null "
                                + "returning event_id, type, payload::text, occurred_at");
                PreparedStatement insert = dst.prepareStatement(
                        "insert into platform.outbox (event_id, tenant_id, type, payload, occurred_at) "
                                + "values (?, ?, ?, cast(? as jsonb), ?) on conflict (event_id) do nothing")) {
            select.setString(1, brand.value());
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    insert.setObject(1, r.getObject(1));
                    insert.setString(2, brand.value());
                    insert.setString(3, r.getString(2));
                    insert.setString(4, r.getString(3));
                    insert.setObject(5, r.getObject(4));
                    insert.addBatch();
                    moved++;
                }
            }
            if (moved > 0) {
                insert.executeBatch();
            }
        }
        return moved;
    }

    /**
     * Events handled in the last day keep being recognised after the move: the broker may deliver one again (at least
     * once), and the brand's handlers now deduplicate on the target.
     */
    static void copyRecentDeduplication(Connection src, Connection dst) throws SQLException {
        try (PreparedStatement select =
                        src.prepareStatement("select handler, event_id, consumed_at from platform.consumed_event "
                                + "where consumed_at > now() - interval '1 day'");
                PreparedStatement insert = dst.prepareStatement(
                        "insert into platform.consumed_event (handler, event_id, consumed_at) values (?, ?, ?) "
                                + "on conflict do nothing")) {
            int batched = 0;
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    insert.setString(1, r.getString(1));
                    insert.setObject(2, r.getObject(2));
                    insert.setObject(3, r.getObject(3));
                    insert.addBatch();
                    if (++batched % 500 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }
}
