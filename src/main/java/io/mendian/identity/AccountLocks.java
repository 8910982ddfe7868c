package io.mendian.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serializes writes to one Keycloak account across every instance. Keycloak's user update replaces the whole
 * representation, so two read-modify-writes of one account (a disable while grants change, two brands editing one
 * person's grants) would otherwise let the later write resurrect what the earlier one changed. A PostgreSQL
 * session-level advisory lock per account, on a connection of its own, makes them take turns; the last request wins.
 */
@ApplicationScoped
public class AccountLocks {

    private final DataSource dataSource;

    public AccountLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T exclusively(String userId, Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
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
