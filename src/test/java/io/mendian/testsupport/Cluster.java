package io.mendian.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.mendian.devrun.LocalStack;
import io.mendian.testinfra.EmbeddedInfrastructure;
import io.mendian.testinfra.InfraTestResource;

/**
 * Several instances of the packaged app, each its own process on its own port, sharing one PostgreSQL, Redis, broker
 * and Keycloak, behind one round-robin address (what a Kubernetes Service does). Instance 0 also plays WeChat: its
 * sandboxes keep the Open Platform's state in memory, so every instance talks to it as to WeChat's hosts. Logs go to
 * {@code target/<name>-<i>.log}, with every scheduled job's run written (JobRuns) so that tests can read who ran what.
 */
public final class Cluster implements AutoCloseable {

    private final String name;
    private final List<LocalStack> instances = new ArrayList<>();
    private final List<String[]> settings = new ArrayList<>();
    private final RoundRobinProxy proxy;
    private final int[] restarts;

    private Cluster(String name, int size) throws IOException {
        this.name = name;
        LocalStack first = new LocalStack();
        InfraTestResource.adopt(first.startInfrastructure(0));
        instances.add(first);
        for (int i = 1; i < size; i++) {
            instances.add(first.sibling());
        }
        List<IntSupplier> ports = IntStream.range(0, size)
                .<IntSupplier>mapToObj(i -> () -> instances.get(i).port())
                .toList();
        proxy = new RoundRobinProxy(ports, first::port);
        restarts = new int[size];
    }

    /** Starts the infrastructure and {@code size} instances, one after the other, each with {@code extra} settings. */
    public static Cluster start(String name, int size, String... extra) throws Exception {
        try (Stream<Path> old = Files.list(Path.of("target"))) {
            for (Path log : old.filter(p -> p.getFileName().toString().startsWith(name + "-"))
                    .toList()) {
                Files.delete(log);
            }
        }
        Cluster cluster = new Cluster(name, size);
        String[] common = with(
                extra,
                "mendian.wechat.public-url=http://127.0.0.1:" + cluster.proxy.port(),
                "quarkus.log.category.\"io.mendian.operations\".level=DEBUG");
        cluster.settings.add(common);
        cluster.instances.getFirst().startApp(0, name + "-0.log", common);
        String sandbox = "http://127.0.0.1:" + cluster.instances.getFirst().port() + "/sandbox/wechat";
        String[] others = with(
                common,
                "mendian.wechat.sandbox.enabled=false",
                "mendian.wechat.api-base=" + sandbox + "/open",
                "mendian.pay.api-base=" + sandbox + "/pay");
        for (int i = 1; i < size; i++) {
            cluster.settings.add(others);
            cluster.instances.get(i).startApp(0, name + "-" + i + ".log", others);
        }
        RoundRobinProxy.aimRestAssured(cluster.proxy.port());
        return cluster;
    }

    public int size() {
        return instances.size();
    }

    /** The one address in front of every instance. */
    public int port() {
        return proxy.port();
    }

    /** One instance's own port, to talk to it alone. */
    public int port(int instance) {
        return instances.get(instance).port();
    }

    public EmbeddedInfrastructure infra() {
        return instances.getFirst().infra();
    }

    /** How many connections each instance took through the shared address. */
    public String served() {
        return proxy.served();
    }

    /** SIGKILL of one instance (never instance 0, which plays WeChat). */
    public void kill(int instance) throws InterruptedException {
        requireMerchantServer(instance);
        instances.get(instance).killApp();
    }

    /**
     * SIGTERM to one instance (never instance 0), as Kubernetes sends before removing a pod; answers how long the
     * instance took to exit.
     */
    public java.time.Duration terminate(int instance) throws InterruptedException {
        requireMerchantServer(instance);
        long start = System.nanoTime();
        instances.get(instance).stopApp();
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }

    /** Starts a killed or terminated instance again on its port, with a new log. */
    public void restart(int instance) throws Exception {
        requireMerchantServer(instance);
        restarts[instance]++;
        instances
                .get(instance)
                .startApp(
                        port(instance),
                        name + "-" + instance + "-restart" + restarts[instance] + ".log",
                        settings.get(instance));
    }

    /** Every line every instance has logged so far, each prefixed with the instance's number and a tab. */
    public List<String> logLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> logs = Files.list(Path.of("target"))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(name + "-"))
                    .sorted()
                    .toList()) {
                String instance = log.getFileName().toString().substring(name.length() + 1, name.length() + 2);
                // Decoded leniently: the instance may be half-way through writing a character.
                new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8)
                        .lines()
                        .forEach(line -> lines.add(instance + "\t" + line));
            }
        }
        return lines;
    }

    @Override
    public void close() throws Exception {
        io.restassured.RestAssured.reset();
        proxy.close();
        for (int i = instances.size() - 1; i > 0; i--) {
            instances.get(i).stopApp();
        }
        instances.getFirst().close();
    }

    private static void requireMerchantServer(int instance) {
        if (instance == 0) {
            throw new IllegalArgumentException("instance 0 plays WeChat; kill another one");
        }
    }

    private static String[] with(String[] settings, String... more) {
        String[] all = Arrays.copyOf(settings, settings.length + more.length);
        System.arraycopy(more, 0, all, settings.length, more.length);
        return all;
    }
}
