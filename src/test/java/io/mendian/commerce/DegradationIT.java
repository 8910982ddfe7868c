package io.mendian.commerce;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.microsoft.playwright.Page;

import io.mendian.testsupport.Api;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Cluster;
import io.mendian.testsupport.CommerceHistories;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.FlashSales;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.restassured.RestAssured;

/**
 * Graceful degradation (issue 13): two packaged instances behind one address while the components they depend on go
 * away, one after the other. Redis down: shoppers still find stores and browse (from PostgreSQL), still check out
 * without overselling, and flash sales refuse rather than oversell. Broker down: orders are still taken and paid, their
 * events wait in the outbox and go out when it returns. SIGTERM: the instance finishes the requests it took and ends
 * its live feeds at once instead of holding the shutdown. Keycloak down (last: it keeps its realm in memory): signed-in
 * staff keep working on the keys already fetched, account changes answer 503 in words, and the console says that
 * sign-in is unavailable instead of showing a browser error. Readiness stays up through the Redis and broker outages:
 * taking every pod out of the Service for them would turn a degradation into an outage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DegradationIT {

    private static final String[] SETTINGS = {
        "quarkus.shutdown.timeout=25s",
        "mendian.signup.rate-limit-per-hour=1000",
        "mendian.wechat.sandbox.pay.applyment-delay=0S"
    };
    private static final int STOCK = 30;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Cluster cluster;
    private static Shop shop;
    private static List<String> members;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start("degrade", 2, SETTINGS);
        shop = Shops.shop("dgr");
        members = CommerceHistories.prepare(shop, STOCK, 50, "d-");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void withRedisDownShoppersBrowseAndCheckOutWithoutOversellingAndFlashSalesRefuse() throws Exception {
        String appid = shop.brand().appid();
        long sale = Api.create(
                shop.brand().adminToken(),
                "/api/hq/promotions/flash-sales",
                FlashSales.sale("降级秒杀", shop.cake(), 990, 5, 1, shop.pickupStore()));
        browse(appid); // warm: the store index and the catalogue pages are in Redis now

        cluster.infra().stopRedis();
        try {
            everyInstanceIsReady();
            browse(appid);
            // 40 shoppers race for the last 30 teas: exactly 30 orders, the rest a clear 409, nothing else.
            Map<Integer, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            Map<String, String> placed = new ConcurrentHashMap<>(); // member -> order
            ExecutorService pool = Executors.newFixedThreadPool(40);
            List<Future<?>> running = new ArrayList<>();
            for (String member : members.subList(0, 40)) {
                running.add(pool.submit(() -> {
                    Shops.put(appid, member, shop.pickupStore(), shop.tea(), 1);
                    var answer = Shops.member(member)
                            .header("Idempotency-Key", "r-" + UUID.randomUUID())
                            .body(Map.of("orders", List.of(Shops.pickup(shop.pickupStore()))))
                            .post("/api/shop/" + appid + "/checkout");
                    outcomes.computeIfAbsent(answer.statusCode(), k -> new AtomicInteger())
                            .incrementAndGet();
                    if (answer.statusCode() == 201) {
                        placed.put(member, answer.path("[0].orderNo"));
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
            System.out.println("DEGRADED REDIS: checkout outcomes " + outcomes);
            assertEquals(STOCK, outcomes.get(201).get(), "orders placed without Redis: " + outcomes);
            assertEquals(Map.of(201, STOCK, 409, 40 - STOCK), counts(outcomes), "only orders and clear refusals");
            // Paying works too: the pay sandbox calls back, the order is paid.
            var paying = placed.entrySet().iterator().next();
            Shops.pay(shop.brand(), paying.getKey(), paying.getValue());

            // What has no fallback says so in words, never 500: a member code is spent in Redis, so the counter
            // cannot top up against one now (the code itself is signed, not stored: the member still shows it).
            String code = Shops.member(members.get(44))
                    .get("/api/shop/" + appid + "/me/code")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("code");
            Api.as(shop.brand().adminToken())
                    .body(Map.of("code", code, "deltaFen", 10_000, "reason", "现金充值"))
                    .post("/api/store/" + shop.pickupStore() + "/members/stored-value")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("type", endsWith("dependency-unavailable"));
            FlashSales.buy(appid, members.get(45), sale, shop.pickupStore(), 1)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("type", endsWith("flash-unavailable"));
        } finally {
            cluster.infra().startRedis();
        }
        // Back: the flash sale sells again (its gate rebuilt from PostgreSQL) and browsing reads Redis again.
        Eventually.isTrue(
                Duration.ofSeconds(30),
                () -> FlashSales.buy(appid, members.get(45), sale, shop.pickupStore(), 1)
                                .statusCode()
                        == 201);
        browse(appid);
        long[] tea =
                Sql.stock(cluster.infra().dataSource(), shop.brand().tenant().schema(), shop.pickupStore(), shop.tea());
        assertEquals(STOCK, tea[0], "nothing handed over yet");
        assertEquals(STOCK, tea[1], "all 30 teas held for the 30 orders, not one more");
    }

    @Test
    @Order(2)
    void withTheBrokerDownOrdersAreTakenAndTheirEventsWaitInTheOutboxUntilItReturns() throws Exception {
        String appid = shop.brand().appid();
        String member = members.get(46);
        cluster.infra().stopBroker();
        try {
            everyInstanceIsReady();
            Shops.put(appid, member, shop.pickupStore(), shop.cake(), 1);
            String orderNo = Shops.checkoutPickup(appid, member, shop.pickupStore());
            Shops.pay(shop.brand(), member, orderNo);
            Thread.sleep(3_000);
            assertTrue(waiting() > 0, "the order's events wait in the outbox while the broker is away");
        } finally {
            cluster.infra().startBroker();
        }
        Eventually.isTrue(Duration.ofSeconds(60), () -> waiting() == 0);
    }

    @Test
    @Order(3)
    void aTerminatedInstanceFinishesWhatItTookAndEndsItsLiveFeedsAtOnce() throws Exception {
        String appid = shop.brand().appid();
        // A clerk's live feed on instance 1, the one to be stopped.
        HttpRequest follow = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + cluster.port(1) + "/api/store/" + shop.pickupStore() + "/orders/feed"))
                .header("Authorization", "Bearer " + shop.brand().adminToken())
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> feed = HTTP.send(follow, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, feed.statusCode());
        CompletableFuture<Long> feedEnded = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Stream<String> lines = feed.body()) {
                lines.forEach(line -> {});
                feedEnded.complete(System.nanoTime());
            } catch (RuntimeException cut) {
                feedEnded.completeExceptionally(cut);
            }
        });
        // Shoppers check out through instance 1 while it is told to stop; a refused or 503 answer is retried with
        // the same key through the shared address (a client's retry), a connection cut mid-answer is a failure.
        List<String> shoppers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            shoppers.add(Consumers.memberToken(appid, "term-" + i));
        }
        Api.as(shop.brand().adminToken())
                .body(Map.of("lines", List.of(Map.of("skuId", shop.cake(), "quantity", 100))))
                .post("/api/store/" + shop.pickupStore() + "/stock/receipts")
                .then()
                .statusCode(201);
        for (String shopper : shoppers) {
            Shops.put(appid, shopper, shop.pickupStore(), shop.cake(), 1);
        }
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> placed = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch halfway = new CountDownLatch(shoppers.size() / 2);
        AtomicInteger drained = new AtomicInteger(); // answered by instance 1 after it was told to stop
        java.util.concurrent.atomic.AtomicLong told = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(shoppers.size());
        List<Future<?>> running = new ArrayList<>();
        for (String shopper : shoppers) {
            running.add(pool.submit(() -> {
                String key = "t-" + UUID.randomUUID();
                String body = "{\"orders\":[{\"storeId\":" + shop.pickupStore() + ",\"mode\":\"PICKUP\",\"pickupAt\":\""
                        + java.time.Instant.now().plus(1, java.time.temporal.ChronoUnit.HOURS) + "\"}]}";
                int port = cluster.port(1);
                for (int attempt = 0; attempt < 5; attempt++) {
                    halfway.countDown();
                    try {
                        HttpResponse<String> answer = HTTP.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + port + "/api/shop/" + appid + "/checkout"))
                                        .header("Authorization", "Bearer " + shopper)
                                        .header("Content-Type", "application/json")
                                        .header("Idempotency-Key", key)
                                        .timeout(Duration.ofSeconds(30))
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        outcomes.computeIfAbsent(String.valueOf(answer.statusCode()), k -> new AtomicInteger())
                                .incrementAndGet();
                        if (answer.statusCode() == 201 && attempt == 0 && System.nanoTime() > told.get()) {
                            drained.incrementAndGet();
                        }
                        if (answer.statusCode() == 201) {
                            placed.add(answer.body());
                            return null;
                        }
                        if (answer.statusCode() != 503) {
                            return null;
                        }
                    } catch (ConnectException refused) {
                        outcomes.computeIfAbsent("refused", k -> new AtomicInteger())
                                .incrementAndGet();
                    } catch (java.io.IOException cut) {
                        outcomes.computeIfAbsent("cut: " + cut, k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    port = cluster.port(); // the retry goes through the shared address, after a pause
                    Thread.sleep(300);
                }
                return null;
            }));
        }
        halfway.await();
        told.set(System.nanoTime());
        Duration exit = cluster.terminate(1);
        long exited = System.nanoTime();
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        long ended = feedEnded.get(5, TimeUnit.SECONDS);
        System.out.println("DEGRADED SIGTERM: instance 1 exited in " + exit.toMillis() + " ms; checkout outcomes "
                + outcomes + "; orders " + placed.size() + ", " + drained + " of them finished after SIGTERM");
        assertTrue(
                exit.compareTo(Duration.ofSeconds(12)) < 0,
                "the open feed did not hold the shutdown (timeout 25 s): exited in " + exit);
        assertTrue(ended <= exited, "the feed had ended when the instance finished exiting");
        assertTrue(
                outcomes.keySet().stream().noneMatch(k -> k.startsWith("cut")),
                "no request was cut off mid-answer: " + outcomes);
        assertEquals(shoppers.size(), placed.size(), "every shopper got an order: " + outcomes);
        assertTrue(drained.get() > 0, "some checkouts were in flight when SIGTERM came, and finished");
        String schema = shop.brand().tenant().schema();
        for (String shopper : shoppers) {
            long member = Consumers.memberId(appid, shopper);
            assertEquals(
                    1L,
                    Sql.scalar(
                            cluster.infra().dataSource(),
                            "select count(*) from " + schema + ".customer_order where member_id = " + member),
                    "one order per shopper, none lost and none doubled by the retry");
        }
    }

    @Test
    @Order(4)
    void withKeycloakDownSignedInStaffKeepWorkingAndTheConsoleSaysSignInIsUnavailable() throws Exception {
        String admin = shop.brand().adminToken();
        String appid = shop.brand().appid();
        try (Browser browser = Browser.launch()) {
            Page page = browser.page();
            String console = "http://127.0.0.1:" + cluster.port() + "/hq/";
            page.navigate(console + "#/stores");
            Browser.signIn(page, shop.brand().adminEmail(), shop.brand().adminPassword());
            assertThat(page.locator("main")).containsText("D1");

            cluster.infra().killKeycloak();

            // Issued tokens keep validating against the keys the app already holds.
            Api.as(admin).get("/api/hq/stores").then().statusCode(200);
            // Customers never needed Keycloak: they still order.
            String member = members.get(47);
            Shops.put(appid, member, shop.pickupStore(), shop.cake(), 1);
            Shops.checkoutPickup(appid, member, shop.pickupStore());
            // Account changes wait for Keycloak, and say so.
            Api.as(admin)
                    .body(Map.of(
                            "email",
                            "new-clerk@" + shop.brand().slug() + ".example",
                            "grants",
                            List.of(Map.of("role", "store_clerk", "scope", "store/" + shop.pickupStore()))))
                    .post("/api/hq/staff")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("type", endsWith("identity-unavailable"));

            // The open console keeps working; a fresh load says what is unavailable instead of a browser error.
            page.navigate(console + "#/orders");
            assertThat(page.locator("main")).not().containsText("登录服务暂时不可用");
            // The app asks Keycloak at most every 5 s; a console started now hears that sign-in is unavailable.
            Eventually.isTrue(
                    Duration.ofSeconds(15),
                    () -> Boolean.FALSE.equals(RestAssured.given()
                            .get("/api/console/config")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("identityAvailable")));
            page.navigate(console + "?fresh=1#/stores");
            assertThat(page.locator(".identity-unavailable")).containsText("登录服务暂时不可用");
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON))
                    .containsText("重试");
            Browser.assertAccessible(page);
            Browser.screenshot(page, "hq-identity-unavailable");
        }
    }

    /** A shopper's reads: nearest stores, a store, its catalogue. */
    private static void browse(String appid) {
        RestAssured.given()
                .get("/api/shop/" + appid + "/stores/nearby?lat=31.2305&lng=121.4738")
                .then()
                .statusCode(200)
                .body("id", hasItem((int) shop.pickupStore()));
        RestAssured.given()
                .get("/api/shop/" + appid + "/stores/" + shop.pickupStore())
                .then()
                .statusCode(200);
        RestAssured.given()
                .get("/api/shop/" + appid + "/stores/" + shop.pickupStore() + "/products")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.greaterThan(0));
    }

    private static void everyInstanceIsReady() {
        for (int i = 0; i < cluster.size(); i++) {
            RestAssured.given()
                    .port(cluster.port(i))
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200);
        }
    }

    private static long waiting() {
        return Sql.scalar(
                cluster.infra().dataSource(),
                "select count(*) from platform.outbox where published_at is null and tenant_id = '"
                        + shop.brand().slug() + "'");
    }

    private static Map<Integer, Integer> counts(Map<Integer, AtomicInteger> outcomes) {
        Map<Integer, Integer> plain = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> plain.put(k, v.get()));
        return plain;
    }
}
