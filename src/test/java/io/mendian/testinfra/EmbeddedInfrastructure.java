package io.mendian.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * Starts the real components Mendian needs, from Maven Central artifacts, with no Docker: PostgreSQL 17 (zonky),
 * Redis 6.2 (embedded-redis), ActiveMQ Artemis with an AMQP acceptor, a GreenMail SMTP and IMAP server that both
 * the app and Keycloak send mail to, and a Keycloak server process importing {@code keycloak-realms/} with the dev
 * overlay. Used by the test resource (once per test JVM) and by the demo launcher.
 *
 * <p>Keycloak is started first because it is by far the slowest (15-40 s); the others start while it boots.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    public static final String REALM = "mendian";
    public static final String PROVISIONER_SECRET = "dev-provisioner-secret";

    private final Path projectDir;
    private EmbeddedPostgres postgres;
    private EmbeddedPostgres shard;
    private Path shardDirectory;
    private int shardPort;
    private RedisServer redis;
    private EmbeddedActiveMQ artemis;
    private ConfigurationImpl brokerConfig;
    private GreenMail mail;
    private int smtpPort;
    private int imapPort;
    private Process keycloak;
    private int redisPort;
    private int amqpPort;
    private int keycloakPort;

    private int preferredKeycloakPort;

    public EmbeddedInfrastructure(Path projectDir) {
        this.projectDir = projectDir;
    }

    /** The mail server every message goes to; tests read what was sent from it. */
    public GreenMail mail() {
        return mail;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** The demo run asks for a stable Keycloak port (so bookmarks keep working); tests take any free port. */
    public EmbeddedInfrastructure preferKeycloakPort(int port) {
        this.preferredKeycloakPort = port;
        return this;
    }

    /** The port if it is free on the loopback interface, otherwise any free port. */
    public static int portOr(int preferred) {
        if (preferred <= 0) {
            return freePort();
        }
        try (var socket = new java.net.ServerSocket(preferred, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return preferred;
        } catch (IOException e) {
            return freePort();
        }
    }

    /** Starts everything and returns the Quarkus configuration that points the app at it. */
    public Map<String, String> start() {
        long t0 = System.nanoTime();
        // Mail first: Keycloak's realm import points its SMTP settings at it.
        smtpPort = freePort();
        imapPort = freePort();
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mail.start();
        startKeycloak();
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(freePort())
                    // Enough connections for the app pool, Liquibase workers and the tests' own queries.
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            long tPg = System.nanoTime();
            redisPort = freePort();
            startRedis();
            amqpPort = freePort();
            // Persistent, like a production broker: messages it acknowledged survive its restart (the outbox test
            // stops and starts it).
            Path brokerHome = Files.createTempDirectory("artemis");
            brokerConfig = new ConfigurationImpl()
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(false)
                    .setJournalDirectory(brokerHome.resolve("journal").toString())
                    .setBindingsDirectory(brokerHome.resolve("bindings").toString())
                    .setPagingDirectory(brokerHome.resolve("paging").toString())
                    .setLargeMessagesDirectory(brokerHome.resolve("large").toString())
                    .setJournalType(org.apache.activemq.artemis.core.server.JournalType.NIO);
            brokerConfig.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + amqpPort + "?protocols=AMQP");
            // Like the production broker (docs/adr/0012): a queue whose consumer is away keeps existing, so that what
            // the relay publishes meanwhile is kept rather than dropped on an address without queues.
            brokerConfig.addAddressSetting(
                    "#",
                    new org.apache.activemq.artemis.core.settings.impl.AddressSettings()
                            .setAutoDeleteQueues(false)
                            .setAutoDeleteAddresses(false));
            startBroker();
            long tOthers = System.nanoTime();
            awaitKeycloak();
            System.out.printf(
                    "INFRA READY: postgres %d ms, +redis+artemis %d ms, keycloak %d ms%n",
                    (tPg - t0) / 1_000_000, (tOthers - t0) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not start the embedded infrastructure", e);
        }
        return config();
    }

    /** Starts Redis (again, empty, on the same port: what a restarted cache without persistence looks like). */
    /**
     * A second PostgreSQL server, for brands placed on another shard (docs/adr/0022); started again on the same port
     * and data after {@link #stopShard()}. Returns its JDBC URL.
     */
    public synchronized String startShard() throws IOException {
        if (shardDirectory == null) {
            shardDirectory = Files.createTempDirectory("pg-shard");
            shardPort = freePort();
        }
        shard = EmbeddedPostgres.builder()
                .setPort(shardPort)
                .setDataDirectory(shardDirectory)
                // Kept across a stop and start (an outage, not a new server); initialised on the first start only.
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                .start();
        return shard.getJdbcUrl("postgres", "postgres");
    }

    public synchronized void stopShard() throws IOException {
        if (shard != null) {
            shard.close();
            shard = null;
        }
    }

    public DataSource shardDataSource() {
        return shard.getPostgresDatabase();
    }

    public synchronized void startRedis() throws IOException {
        redis = RedisServer.newRedisServer()
                .port(redisPort)
                .setting("bind 127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        redis.start();
    }

    /** Stops Redis, as an outage would: its port refuses connections until {@link #startRedis()}. */
    public synchronized void stopRedis() throws IOException {
        redis.stop();
    }

    /**
     * Kills Keycloak for good, as an outage would. It keeps its realm in memory, so it cannot come back with the
     * same accounts: only a test's last step may do this.
     */
    public synchronized void killKeycloak() throws InterruptedException {
        keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
        keycloak.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    /** Starts the broker (again), with the messages it held when stopped. */
    public synchronized void startBroker() throws Exception {
        artemis = new EmbeddedActiveMQ().setConfiguration(brokerConfig);
        artemis.start();
    }

    /** Stops the broker, as an outage would; {@link #startBroker()} brings it back on the same port. */
    public synchronized void stopBroker() throws Exception {
        artemis.stop();
    }

    /** The queues bound to a broker address, to check how consumers share it. */
    public synchronized java.util.List<String> queuesOf(String address) throws Exception {
        return artemis
                .getActiveMQServer()
                .bindingQuery(org.apache.activemq.artemis.api.core.SimpleString.of(address))
                .getQueueNames()
                .stream()
                .map(Object::toString)
                .toList();
    }

    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"));
        c.put("quarkus.datasource.username", "postgres");
        c.put("quarkus.datasource.password", "postgres");
        c.put("quarkus.redis.hosts", "redis://127.0.0.1:" + redisPort);
        c.put("amqp-host", "127.0.0.1");
        c.put("amqp-port", String.valueOf(amqpPort));
        c.put("quarkus.oidc.auth-server-url", keycloakUrl() + "/realms/" + REALM);
        c.put("mendian.keycloak.url", keycloakUrl());
        c.put("mendian.keycloak.provisioner-secret", PROVISIONER_SECRET);
        c.put("quarkus.mailer.host", "127.0.0.1");
        c.put("quarkus.mailer.port", String.valueOf(smtpPort));
        c.put("quarkus.mailer.mock", "false");
        return c;
    }

    public String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort;
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    private void startKeycloak() {
        Path home = keycloakHome();
        keycloakPort = preferredKeycloakPort > 0 ? portOr(preferredKeycloakPort) : freePort();
        try {
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            // The production base realm with the development overlay (password-grant client, demo operator, local
            // mail).
            Files.writeString(
                    importDir.resolve("mendian-realm.json"),
                    RealmOverlay.mergedJson(projectDir.resolve("keycloak-realms")));
            var pb = new ProcessBuilder(List.of(
                    "bash",
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--http-port=" + keycloakPort,
                    "--http-management-port=" + freePort(),
                    // Pin the issuer so that tokens fetched through any loopback name verify in the app.
                    "--hostname=" + keycloakUrl(),
                    "--import-realm",
                    "--cache=local",
                    "--db=dev-mem"));
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            pb.environment().put("MENDIAN_SMTP_PORT", String.valueOf(smtpPort));
            pb.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -Xshare:auto");
            Path log = Files.createTempFile("keycloak", ".log");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            keycloak = pb.start();
            System.out.println("Keycloak starting on port " + keycloakPort + ", log: " + log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitKeycloak() throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(
                        URI.create(keycloakUrl() + "/realms/" + REALM + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + keycloak.exitValue());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still booting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not become ready within 240 s");
    }

    private static Path keycloakHome() {
        String home = System.getProperty("keycloak.home");
        if (home == null || !Files.isDirectory(Path.of(home, "bin"))) {
            throw new IllegalStateException("keycloak.home is not set or not unpacked (" + home
                    + "); run through ./mvnw, which unpacks org.keycloak:keycloak-quarkus-dist into the cache");
        }
        return Path.of(home);
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            try {
                if (!keycloak.waitFor(20, TimeUnit.SECONDS)) {
                    keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
                    keycloak.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        quietly(() -> {
            if (artemis != null) artemis.stop();
        });
        quietly(() -> {
            if (redis != null) redis.stop();
        });
        quietly(() -> {
            if (postgres != null) postgres.close();
        });
        quietly(() -> {
            if (shard != null) shard.close();
        });
        quietly(() -> {
            if (mail != null) mail.stop();
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            System.err.println("infrastructure shutdown: " + e);
        }
    }
}
