package io.mendian.tenancy;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantConnectionResolver;

/**
 * Connections of the default persistence unit: the brand's schema on the brand's shard (docs/adr/0022). Replaces
 * Quarkus' own resolver, which does the same over the default datasource only.
 *
 * <p>Hibernate keeps one provider per tenant id for the life of the application, so the provider looks the shard up on
 * every connection rather than once: a brand moved to another shard is served from there as soon as its registry row
 * says so. Without a brand (the {@link Schemas#NO_TENANT} schema) connections come from the default shard.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class ShardedConnections implements TenantConnectionResolver {

    private final Shards shards;

    public ShardedConnections(Shards shards) {
        this.shards = shards;
    }

    @Override
    public ConnectionProvider resolve(String tenantId) {
        String schema = Schemas.requireSafe(tenantId == null ? Schemas.NO_TENANT : tenantId);
        return Schemas.tenantOf(schema)
                .<ConnectionProvider>map(tenant -> new SchemaConnections(shards, schema, () -> shards.shardOf(tenant)))
                .orElseGet(() -> new SchemaConnections(shards, schema, () -> Shards.DEFAULT));
    }

    /** Connections from wherever the schema lives now, switched to it. */
    private record SchemaConnections(Shards shards, String schema, java.util.function.Supplier<String> shard)
            implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = shards.connectForUnitOfWork(shard.get());
            try {
                connection.setSchema(schema);
                return connection;
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public void closeConnection(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return false;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> type) {
            return false;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new org.hibernate.service.UnknownUnwrapTypeException(type);
        }
    }
}
