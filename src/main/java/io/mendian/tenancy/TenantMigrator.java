package io.mendian.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;

/**
 * Applies the tenant changelog ({@code db/tenant/}) to tenant schemas: one at provisioning, all of them at startup.
 *
 * <p>Each tenant's last fingerprint (a hash of every tenant changelog file) is passed in by the registry; a tenant
 * already at the current fingerprint is skipped without opening Liquibase, which keeps startup with hundreds of
 * schemas to one registry query. Failures are returned per tenant, never thrown, so one broken schema is
 * quarantined by the caller while the others proceed.
 */
@ApplicationScoped
public class TenantMigrator {

    public static final String CHANGELOG = "db/tenant/changelog.xml";
    private static final Pattern INCLUDE = Pattern.compile("<include\\s+file=\"([^\"]+)\"");

    private final LiquibaseRunner liquibase;
    private final Shards shards;
    private final int parallelism;
    private final String fingerprint;

    public TenantMigrator(
            LiquibaseRunner liquibase,
            Shards shards,
            @ConfigProperty(name = "mendian.tenancy.migration-parallelism", defaultValue = "4") int parallelism) {
        this.liquibase = liquibase;
        this.shards = shards;
        this.parallelism = Math.max(1, parallelism);
        this.fingerprint = computeFingerprint();
    }

    /** Outcome for one tenant. {@code error} is null on success. */
    public record Outcome(
            TenantId tenant, boolean skipped, String version, String fingerprint, String error, long millis) {
        public boolean failed() {
            return error != null;
        }
    }

    /** Hash of the current tenant changelog set; equal fingerprints mean nothing to apply. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Migrates one brand under its {@link SchemaLock}. A brand being moved to another shard is skipped (its fingerprint
     * stays as it was, so the next start or migration Job migrates it on its new server).
     */
    public Outcome migrate(TenantId tenant) {
        long start = System.nanoTime();
        try (Connection guard = shards.openUnpooled(Shards.DEFAULT)) {
            if (!SchemaLock.tryTake(guard, tenant)) {
                Log.infof("tenant %s is being moved to another shard; it is migrated at the next start", tenant);
                return new Outcome(tenant, true, null, null, null, (System.nanoTime() - start) / 1_000_000);
            }
            return update(tenant, start);
        } catch (SQLException e) {
            // The control plane's server is unreachable: nothing is wrong with the brand, so it is not quarantined.
            throw new IllegalStateException("no connection to the control plane to migrate " + tenant, e);
        }
    }

    private Outcome update(TenantId tenant, long start) {
        try {
            // On the brand's own shard: the registry row says where its schema lives (read once the lock is held, so
            // a move that just finished is followed).
            String version = liquibase.update(shards.of(tenant), tenant.schema(), CHANGELOG);
            return new Outcome(tenant, false, version, fingerprint, null, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            Log.errorf(e, "tenant %s quarantined: migration failed", tenant);
            return new Outcome(tenant, false, null, null, e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Migrates every tenant whose recorded fingerprint differs from the current one, at most {@code parallelism}
     * at a time.
     */
    public List<Outcome> migrateAll(Map<TenantId, String> recordedFingerprints) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Future<Outcome>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(
                parallelism, Thread.ofPlatform().name("tenant-migrator-", 0).factory())) {
            recordedFingerprints.forEach((tenant, recorded) -> {
                if (fingerprint.equals(recorded)) {
                    outcomes.add(new Outcome(tenant, true, null, fingerprint, null, 0));
                } else {
                    running.add(pool.submit(() -> migrate(tenant)));
                }
            });
            for (Future<Outcome> future : running) {
                outcomes.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tenant migration interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("tenant migration crashed", e.getCause());
        }
        return outcomes;
    }

    private static String computeFingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String master = read(CHANGELOG);
            digest.update(master.getBytes(StandardCharsets.UTF_8));
            Matcher includes = INCLUDE.matcher(master);
            while (includes.find()) {
                digest.update(read(includes.group(1)).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing changelog resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
