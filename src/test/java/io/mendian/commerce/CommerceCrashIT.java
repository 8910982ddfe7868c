package io.mendian.commerce;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mendian.devrun.LocalStack;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.AppLogs;
import io.mendian.testsupport.CommerceHistories;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.RoundRobinProxy;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.restassured.RestAssured;

/**
 * Crash histories: the CommerceHistoryTest mix from 200 concurrent clients against the packaged application in its
 * own process, killed with SIGKILL at a random moment mid-run and started again on the same port, while the clients
 * carry on. Whatever the dead process was doing (a checkout's transaction, a payment callback, a refund sent but not
 * recorded, an event not yet relayed), the restarted app's expiry, refund sweep and outbox relay must finish it, and
 * the books must balance exactly as they do without a crash. WeChat Pay outlives the crash (the sandbox keeps its
 * books in PostgreSQL), as the real one does. The second history runs two instances behind one address (the
 * expiry, refund sweep and relay running on both) and kills one of them while the other carries on.
 */
class CommerceCrashIT {

    private static final int CLIENTS = 200;
    private static final int STEPS = 3;
    private static final int STOCK = 200; // both SKUs: contended, yet enough left after the crash to sell
    private static final String[] FAST = {
        "mendian.ordering.expiry-every=1s",
        "mendian.ordering.expiry-delay=1s",
        "mendian.pay.refund-sweep-every=1s",
        "mendian.pay.refund-sweep-delay=1s",
        "mendian.wechat.sandbox.pay.applyment-delay=0S",
        "mendian.wechat.sandbox.pay.refund-delay=200MS",
        "mendian.wechat.sandbox.pay.retry-schedule=1S,1S,2S,2S,5S",
        "mendian.signup.rate-limit-per-hour=1000"
    };

    private static LocalStack stack;
    private static DataSource data;

    @BeforeAll
    static void start() throws Exception {
        stack = new LocalStack();
        InfraTestResource.adopt(stack.startInfrastructure(0));
        data = stack.infra().dataSource();
        stack.startApp(0, "crash-history-0.log", FAST);
        RoundRobinProxy.aimRestAssured(stack.port());
    }

    @AfterAll
    static void stop() {
        RestAssured.reset();
        stack.close();
    }

    @Test
    void historiesWithTheAppKilledMidRunNeverOversellAndBalanceEveryHoldPaymentAndRefund() throws Throwable {
        try {
            histories();
        } catch (Throwable failure) {
            throw AppLogs.explained(failure, "crash-history");
        }
    }

    private void histories() throws Exception {
        AtomicLong operations = new AtomicLong();
        AtomicLong interrupted = new AtomicLong();
        // Brands and members first: the Open Platform sandbox (unlike the pay sandbox) keeps its authorizations in
        // memory, so mini-program sign-in needs the process that saw the authorization (docs/status.md).
        List<Shop> shops = new ArrayList<>();
        List<List<String>> members = new ArrayList<>();
        for (int history = 0; history < 2; history++) {
            Shop s = Shops.shop("crash" + history);
            shops.add(s);
            members.add(CommerceHistories.prepare(s, STOCK, CLIENTS, "c" + history + "-"));
        }
        // One instance, killed and restarted.
        run(0, shops.get(0), members.get(0), operations, interrupted, FAST, true);

        // Two instances behind one address, sharing the components; one is killed and restarted while the other
        // carries on. The other also plays WeChat (its sandboxes), which must not die with the merchant's servers.
        stack.stopApp();
        LocalStack wechat = stack.sibling();
        try (RoundRobinProxy proxy = new RoundRobinProxy(List.of(stack::port, wechat::port), wechat::port)) {
            String[] behindProxy = with(FAST, "mendian.wechat.public-url=http://127.0.0.1:" + proxy.port());
            wechat.startApp(0, "crash-history-wechat.log", behindProxy);
            String sandbox = "http://127.0.0.1:" + wechat.port() + "/sandbox/wechat";
            String[] instance = with(
                    behindProxy,
                    "mendian.wechat.sandbox.enabled=false",
                    "mendian.wechat.api-base=" + sandbox + "/open",
                    "mendian.pay.api-base=" + sandbox + "/pay");
            stack.startApp(stack.port(), "crash-history-two-0.log", instance);
            RestAssured.port = proxy.port();
            run(1, shops.get(1), members.get(1), operations, interrupted, instance, false);
            System.out.println("CRASH HISTORY 1: requests per instance " + proxy.served());
        } finally {
            wechat.stopApp();
        }
        System.out.printf(
                "CRASH HISTORIES: %d histories of %d concurrent clients, each killed (SIGKILL) and restarted mid-run;"
                        + " %d operations checked, %d cut off by the crash%n",
                shops.size(), CLIENTS, operations.get(), interrupted.get());
    }

    /**
     * One history: the clients run, the app at {@code stack} is killed mid-run and started again with
     * {@code restartWith}; with {@code pauseWhileDown} the clients wait for it (one instance), otherwise they carry on
     * against whatever instance answers.
     */
    private void run(
            int history,
            Shop s,
            List<String> members,
            AtomicLong operations,
            AtomicLong interrupted,
            String[] restartWith,
            boolean pauseWhileDown)
            throws Exception {
        String schema = s.brand().tenant().schema();
        String subMchid = Pay.subMchid(s.brand());
        // Even while the app serves, odd from just before the kill until it serves again (with two instances: until the
        // killed one is dead and the other takes every connection): a step may fail only across a crash.
        AtomicInteger epoch = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        long start = operations.get();
        ExecutorService clients = CommerceHistories.clients();
        List<Future<?>> running = new ArrayList<>();
        for (String member : members) {
            running.add(clients.submit(() -> {
                for (int step = 0; step < STEPS; step++) {
                    if (pauseWhileDown) {
                        awaitUp(epoch);
                    }
                    int before = epoch.get();
                    try {
                        CommerceHistories.act(s, member, subMchid, operations);
                    } catch (Throwable failure) {
                        // Excused only across a crash: when the epoch moved during the step, or the step began while
                        // the epoch was odd (from just before the kill: a step begun then may still reach the dying
                        // process, as a Service still routes to a pod that is going away).
                        if (epoch.get() == before && before % 2 == 0) {
                            throw failure;
                        }
                        interrupted.incrementAndGet();
                    }
                }
                finished.incrementAndGet();
                return null;
            }));
        }
        // Killed once a random share of the history has happened, with every client somewhere in its work.
        long killAfter = start + ThreadLocalRandom.current().nextLong(100, 300);
        while (operations.get() < killAfter && finished.get() < CLIENTS) {
            Thread.sleep(20);
        }
        long before = operations.get();
        int stillRunning = CLIENTS - finished.get();
        epoch.incrementAndGet();
        stack.killApp();
        if (!pauseWhileDown) {
            // The dead instance refuses connections now and the proxy hands them to the other one: a step begun from
            // here must succeed again, also while the killed instance restarts.
            epoch.incrementAndGet();
        }
        stack.startApp(stack.port(), "crash-history-" + history + "-restarted.log", restartWith);
        if (pauseWhileDown) {
            RestAssured.port = stack.port(); // the same one unless something took it meanwhile
            epoch.incrementAndGet();
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        assertTrue(stillRunning > 0, "the app was killed after every client had finished");
        System.out.printf(
                "CRASH HISTORY %d: killed after %d operations with %d of %d clients mid-run%n",
                history, before - start, stillRunning, CLIENTS);

        // What is still unpaid is past its deadline now: the restarted app's own expiry job must end it.
        Sql.execute(
                data,
                "update " + schema + ".customer_order set pay_by = now() - interval '1 second' where "
                        + "status = 'PENDING_PAYMENT'");
        Eventually.isTrue(
                Duration.ofSeconds(120),
                () -> Sql.scalar(
                                data,
                                "select count(*) from " + schema + ".customer_order where status = "
                                        + "'PENDING_PAYMENT'")
                        == 0);
        CommerceHistories.awaitSettled(data, s);
        CommerceHistories.check(data, s, STOCK);
    }

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void awaitUp(AtomicInteger epoch) throws InterruptedException {
        while (epoch.get() % 2 == 1) {
            Thread.sleep(100);
        }
    }
}
