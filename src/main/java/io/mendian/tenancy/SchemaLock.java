package io.mendian.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Work on a brand's whole schema, one at a time across every instance: a move to another shard (docs/adr/0022) and a
 * migration never overlap, so no migration runs on the old copy of a brand being moved and no move copies a schema
 * half migrated. A session-level advisory lock on the control plane's server, held on a connection of its own for as
 * long as the work runs; it goes away with the connection when an instance dies.
 */
public final class SchemaLock {

    private SchemaLock() {}

    /** Takes the brand's lock on this connection unless someone else holds it; released when the connection closes. */
    public static boolean tryTake(Connection controlPlane, TenantId brand) throws SQLException {
        try (PreparedStatement s = controlPlane.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
            s.setString(1, "schema-work:" + brand.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }
}
