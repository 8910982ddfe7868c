package io.mendian.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.tenancy.Shards;

/**
 * Serializes writes to one Keycloak account across every instance. Keycloak's user update replaces the whole
 * representation, so two read-modify-writes of one account (a disable while grants change, two brands editing one
 * person's grants) would otherwise let the later write resurrect what the earlier one changed. A PostgreSQL
 * session-level advisory lock per account, on a connection of its own, makes them take turns; the last request wins.
 *
 * <p>Accounts span brands, so the lock lives on the control plane's server; the connection is opened outside every
 * pool and transaction because the caller's transaction may hold a brand's server, and one transaction never enlists
 * two (docs/adr/0022). Account edits are rare (staff administration), so a connection each costs nothing that
 * matters.
 */
@ApplicationScoped
public class AccountLocks {

    private final Shards shards;

    public AccountLocks(Shards shards) {
        this.shards = shards;
    }

    public <T> T exclusively(String userId, Supplier<T> work) {
        try (Connection connection = shards.openUnpooled(Shards.DEFAULT)) {
            lock(connection, "select pg_advisory_lock(hashtextextended(?, 0))", userId);
            try {
                return work.get();
            } finally {
                lock(connection, "select pg_advisory_unlock(hashtextextended(?, 0))", userId);
            }
        } catch (SQLException e) {
            throw new StaffAccounts.KeycloakException("could not lock account " + userId + ": " + e.getMessage());
        }
    }

    private static void lock(Connection connection, String sql, String userId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "keycloak-user:" + userId);
            statement.executeQuery().close();
        }
    }
}
