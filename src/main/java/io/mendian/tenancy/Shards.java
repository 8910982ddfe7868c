package io.mendian.tenancy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The PostgreSQL servers brands live on (docs/adr/0022). The default datasource is the shard {@value #DEFAULT} and
 * also holds the control plane; every other shard holds brand schemas and a {@code platform} schema with only the
 * outbox and the consumed-event table, so that a brand's events are written in its own transaction on its own server.
 *
 * <p>Extra shards get their own Agroal pool enlisted in JTA like the default one: a brand's unit of work touches one
 * server only. Work that needs the control plane while a brand's transaction is open reads it in a transaction of its
 * own (see {@code TenantRegistry}), never a second enlisted connection.
 */
@ApplicationScoped
public class Shards {

    public static final String DEFAULT = "default";
    /** Key of the shard an open transaction holds, in the transaction's resources. */
    private static final Object HELD = new Object();

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");

    private final DataSource main;
    private final Map<String, AgroalDataSource> extra = new LinkedHashMap<>();
    private final Map<String, ShardsConfig.Shard> settings;
    private final boolean defaultAccepting;
    private final TenantDirectory directory;
    private final ShardsConfig.Shard mainSettings;
    private final TransactionSynchronizationRegistry transactionRegistry;

    public Shards(
            DataSource main,
            ShardsConfig config,
            TenantDirectory directory,
            TransactionManager transactions,
            TransactionSynchronizationRegistry registry,
            @ConfigProperty(name = "mendian.tenancy.default-shard-accepting", defaultValue = "true")
                    boolean defaultAccepting,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String mainUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> mainUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> mainPassword) {
        this.main = main;
        this.transactionRegistry = registry;
        this.directory = directory;
        this.settings = Map.copyOf(config.extra());
        this.defaultAccepting = defaultAccepting;
        this.mainSettings = new Unpooled(mainUrl, mainUser, mainPassword);
        config.extra().forEach((name, shard) -> {
            if (!NAME.matcher(name).matches() || DEFAULT.equals(name)) {
                throw new IllegalStateException("invalid shard name " + name);
            }
            extra.put(name, pool(name, shard, transactions, registry));
        });
    }

    private static AgroalDataSource pool(
            String name,
            ShardsConfig.Shard shard,
            TransactionManager transactions,
            TransactionSynchronizationRegistry registry) {
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(shard.maxSize())
                        .minSize(0)
                        .initialSize(0)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .validationTimeout(Duration.ofSeconds(30))
                        // A connection idle for a while is checked before use, and one that failed with a connection
                        // error is dropped: after the server was away the pool heals instead of handing out corpses.
                        .connectionValidator(
                                AgroalConnectionPoolConfiguration.ConnectionValidator.defaultValidatorWithTimeout(5))
                        .idleValidationTimeout(Duration.ofSeconds(5))
                        .exceptionSorter(AgroalConnectionPoolConfiguration.ExceptionSorter.fatalExceptionSorter())
                        .reapTimeout(Duration.ofMinutes(5))
                        .transactionIntegration(new NarayanaTransactionIntegration(transactions, registry))
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(shard.url())
                                    .connectionProviderClass(org.postgresql.Driver.class)
                                    // As on the default datasource (application.properties): every use switches the
                                    // schema, which defeats server-side prepared statements.
                                    .jdbcProperty("prepareThreshold", "0")
                                    .jdbcProperty("ApplicationName", "mendian-" + name);
                            shard.username().ifPresent(user -> factory.principal(new NamePrincipal(user)));
                            shard.password().ifPresent(password -> factory.credential(new SimplePassword(password)));
                            return factory;
                        }));
        try {
            return AgroalDataSource.from(supplier);
        } catch (SQLException e) {
            throw new IllegalStateException("shard " + name + " could not be configured", e);
        }
    }

    /** Every shard's name, the default one first. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT);
        names.addAll(extra.keySet());
        return names;
    }

    public boolean exists(String shard) {
        return DEFAULT.equals(shard) || extra.containsKey(shard);
    }

    /** Whether new brands may be placed on the shard. */
    public boolean accepting(String shard) {
        return DEFAULT.equals(shard)
                ? defaultAccepting
                : settings.containsKey(shard) && settings.get(shard).accepting();
    }

    public DataSource dataSource(String shard) {
        if (DEFAULT.equals(shard)) {
            return main;
        }
        AgroalDataSource pool = extra.get(shard);
        if (pool == null) {
            throw new IllegalStateException("unknown shard " + shard);
        }
        return pool;
    }

    /**
     * A connection of its own, outside every pool and every transaction: for a listener that holds it for as long as
     * the app runs (so that it never takes a pooled connection from the work), or a session-level lock taken while the
     * caller's transaction holds another server.
     */
    public Connection openUnpooled(String shard) throws SQLException {
        ShardsConfig.Shard settings = DEFAULT.equals(shard) ? mainSettings : this.settings.get(shard);
        if (settings == null) {
            throw new IllegalStateException("unknown shard " + shard);
        }
        return DriverManager.getConnection(
                settings.url(),
                settings.username().orElse(null),
                settings.password().orElse(null));
    }

    /** The default shard's settings in the shape of an extra one's. */
    private record Unpooled(String url, Optional<String> username, Optional<String> password)
            implements ShardsConfig.Shard {
        @Override
        public int maxSize() {
            return 1;
        }

        @Override
        public boolean accepting() {
            return false;
        }
    }

    /** The server holding a brand's schema, as its registry row says now (a moved brand follows at once). */
    public DataSource of(TenantId tenant) {
        return dataSource(shardOf(tenant));
    }

    public String shardOf(TenantId tenant) {
        return directory.shardOf(tenant);
    }

    /**
     * Control-plane work done for a brand while the brand's unit of work may be open. When the open transaction holds
     * the default server (or holds no brand connection yet and the brand lives there) it joins that transaction (one
     * connection and one commit, as before shards); otherwise it runs in a transaction of its own, since one
     * transaction never enlists two servers. The server held wins over the registry, which may switch mid-request while
     * a brand is moved. A write done here therefore may commit before the caller's, so it must be one that a retry of
     * the whole request can repeat with the same result (an upsert, a guarded state change); a write that must be
     * all-or-nothing with an idempotency record keeps its record on the control plane instead
     * ({@code Idempotency.runOnControlPlane}).
     */
    public <T> T controlPlane(TenantId tenant, Supplier<T> work) {
        String held =
                transactionRegistry.getTransactionKey() == null ? null : (String) transactionRegistry.getResource(HELD);
        return DEFAULT.equals(held != null ? held : shardOf(tenant))
                ? QuarkusTransaction.joiningExisting().call(work::get)
                : QuarkusTransaction.requiringNew().call(work::get);
    }

    /**
     * A connection to a shard for the tenant unit of work; the open transaction remembers which server it now holds
     * (see {@link #controlPlane}).
     */
    Connection connectForUnitOfWork(String shard) throws SQLException {
        Connection connection = dataSource(shard).getConnection();
        if (transactionRegistry.getTransactionKey() != null) {
            try {
                transactionRegistry.putResource(HELD, shard);
            } catch (IllegalStateException e) {
                // The transaction is ending: nothing more will join it.
            }
        }
        return connection;
    }

    @PreDestroy
    void close() {
        extra.values().forEach(AgroalDataSource::close);
    }
}
