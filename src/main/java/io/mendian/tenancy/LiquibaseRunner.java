package io.mendian.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Applies a Liquibase changelog to one schema on its own connection. Hibernate never generates schema. */
@ApplicationScoped
public class LiquibaseRunner {

    static {
        // Liquibase prints an update summary table to stdout for every schema; with hundreds of schemas that drowns
        // the log. Route it to the logger (at WARN level in application.properties) instead.
        if (System.getProperty("liquibase.command.showSummaryOutput") == null) {
            System.setProperty("liquibase.command.showSummaryOutput", "log");
        }
    }

    private final DataSource dataSource;

    public LiquibaseRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates a schema with no tables: the fail-closed target of the tenant resolver when no tenant is set. */
    public void createEmptySchema(String schema) {
        String safe = Schemas.requireSafe(schema);
        try (Connection connection = dataSource.getConnection();
                Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA IF NOT EXISTS " + safe);
        } catch (SQLException e) {
            throw new MigrationFailedException(schema, e);
        }
    }

    /**
     * Drops a brand's schema on the server it lives on, in a transaction of its own (the caller's may hold the control
     * plane's server, and one transaction never spans two).
     */
    public void dropSchema(DataSource server, String schema) {
        String safe = Schemas.requireSafe(schema);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = server.getConnection();
                    Statement ddl = connection.createStatement()) {
                ddl.execute("DROP SCHEMA IF EXISTS " + safe + " CASCADE");
            } catch (SQLException e) {
                throw new MigrationFailedException(schema, e);
            }
        });
    }

    /** {@link #update(DataSource, String, String)} on the default shard (the control plane's server). */
    public String update(String schema, String changelog) {
        return update(dataSource, schema, changelog);
    }

    /**
     * Creates the schema if needed on the given server, applies the changelog and returns the id of the last applied
     * change set.
     */
    @SuppressWarnings("deprecation") // the Liquibase facade is the stable embedding API in 4.x
    public String update(DataSource server, String schema, String changelog) {
        String safe = Schemas.requireSafe(schema);
        try (Connection connection = server.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE SCHEMA IF NOT EXISTS " + safe);
            }
            connection.setSchema(safe);
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            database.setDefaultSchemaName(safe);
            database.setLiquibaseSchemaName(safe);
            try (var liquibase = new Liquibase(
                    changelog,
                    new ClassLoaderResourceAccessor(Thread.currentThread().getContextClassLoader()),
                    database)) {
                // Liquibase's default UI prints every change set and a summary table to stdout; with hundreds of
                // schemas that drowns the log, so its messages go to the logger instead.
                Scope.child(
                        Map.of(Scope.Attr.ui.name(), new LoggerUIService()),
                        () -> liquibase.update(new Contexts(), new LabelExpression()));
                // Read the version before Liquibase closes the connection along with itself.
                try (Statement query = connection.createStatement();
                        var rs = query.executeQuery(
                                "SELECT id FROM " + safe + ".databasechangelog ORDER BY orderexecuted DESC LIMIT 1")) {
                    return rs.next() ? rs.getString(1) : "none";
                }
            }
        } catch (SQLException | liquibase.exception.LiquibaseException e) {
            throw new MigrationFailedException(schema, e);
        } catch (Exception e) {
            throw new MigrationFailedException(schema, e);
        }
    }

    /** A schema that could not be migrated; the message is safe to show to an operator. */
    public static final class MigrationFailedException extends RuntimeException {
        public MigrationFailedException(String schema, Throwable cause) {
            super("migration of schema " + schema + " failed: " + rootMessage(cause), cause);
        }

        private static String rootMessage(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage();
            return message == null
                    ? root.getClass().getSimpleName()
                    : message.lines().findFirst().orElse(message);
        }
    }
}
