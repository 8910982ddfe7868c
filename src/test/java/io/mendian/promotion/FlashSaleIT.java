package io.mendian.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mendian.devrun.LocalStack;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.CommerceHistories;
import io.mendian.testsupport.FlashSales;
import io.mendian.testsupport.RoundRobinProxy;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.restassured.RestAssured;

/**
 * The flash sale's promise on the packaged application, two instances behind one address: 2,000 concurrent attempts
 * by 400 members for 100 units (one each) end in exactly 100 orders, even with Redis flushed in the middle of the
 * rush (each instance rebuilds the gate from PostgreSQL, which alone decides).
 */
class FlashSaleIT {

    private static final int UNITS = 100;
    private static final int MEMBERS = 400;
    private static final int ATTEMPTS = 2_000;
    private static final int CLIENTS = 200;

    private static LocalStack first;
    private static LocalStack second;
    private static RoundRobinProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        first = new LocalStack();
        InfraTestResource.adopt(first.startInfrastructure(0));
        first.startApp(0, "flash-sale-0.log");
        second = first.sibling();
        second.startApp(0, "flash-sale-1.log");
        proxy = new RoundRobinProxy(List.of(first::port, second::port), first::port);
        RoundRobinProxy.aimRestAssured(proxy.port());
    }

    @AfterAll
    static void stop() throws Exception {
        RestAssured.reset();
        if (proxy != null) {
            proxy.close();
        }
        if (second != null) {
            second.stopApp();
        }
        first.close();
    }

    @Test
    void twoThousandAttemptsAcrossTwoInstancesSellExactlyTheHundredUnitsEvenWithRedisFlushedMidRush() throws Exception {
        // Members sign in through the instance whose sandbox saw the brand's authorization (it keeps it in memory).
        RestAssured.port = first.port();
        Shop s = Shops.shop("flashit");
        List<String> members = CommerceHistories.prepare(s, 2 * UNITS, MEMBERS, "f-");
        String appid = s.brand().appid();
        long sale = Api.create(
                s.brand().adminToken(),
                "/api/hq/promotions/flash-sales",
                FlashSales.sale("整点秒杀", s.tea(), 990, UNITS, 1, s.pickupStore()));
        RestAssured.port = proxy.port();

        AtomicInteger done = new AtomicInteger();
        AtomicInteger flushed = new AtomicInteger();
        Map<Integer, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
        long rush = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            String member = members.get(i % MEMBERS);
            running.add(pool.submit(() -> {
                long started = System.nanoTime();
                var answer = FlashSales.buy(appid, member, sale, s.pickupStore(), 1)
                        .then()
                        .extract();
                int status = answer.statusCode();
                outcomes.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                if (status >= 500) {
                    String slug =
                            answer.path("type") + " after " + (System.nanoTime() - started) / 1_000_000_000 + " s";
                    refusals.computeIfAbsent(slug, k -> new AtomicInteger()).incrementAndGet();
                }
                if (done.incrementAndGet() == ATTEMPTS / 20 && flushed.getAndIncrement() == 0) {
                    flushRedis();
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        System.out.println("FLASH SALE IT: outcomes " + outcomes + " in " + (System.nanoTime() - rush) / 1_000_000
                + " ms, 5xx " + refusals + ", requests per instance " + proxy.served());

        assertEquals(UNITS, outcomes.get(201).get(), "orders placed: " + outcomes);
        assertTrue(
                outcomes.keySet().stream().allMatch(code -> code == 201 || code == 409 || code == 503),
                "only orders, clear refusals or a brief 503 while the gate is rebuilt: " + outcomes);
        try (Connection c = first.infra().dataSource().getConnection()) {
            c.createStatement()
                    .execute("set search_path to " + s.brand().tenant().schema());
            assertEquals(UNITS, single(c, "select sold from flash_sale where id = " + sale));
            assertEquals(UNITS, single(c, "select count(*) from flash_sale_claim where status = 'HELD'"));
            assertEquals(UNITS, single(c, "select count(distinct member_id) from flash_sale_claim"));
            assertEquals(
                    UNITS,
                    single(
                            c,
                            "select count(*) from customer_order o join order_line l on l.order_id = o.id where "
                                    + "l.sku_id = " + s.tea() + " and o.total_fen = 990"));
        }
    }

    private static long single(Connection c, String sql) throws Exception {
        try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** FLUSHALL on the shared Redis, as an operator's mistake or a failover to an empty replica would. */
    private static void flushRedis() {
        String hosts = first.infra().config().get("quarkus.redis.hosts");
        int port = Integer.parseInt(hosts.substring(hosts.lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("FLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(new byte[16]);
            System.out.println("FLASH SALE IT: Redis flushed mid-rush");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
