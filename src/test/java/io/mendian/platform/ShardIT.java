package io.mendian.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.mendian.devrun.LocalStack;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.CommerceHistories;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Keycloak;
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.RoundRobinProxy;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Brands on two PostgreSQL servers (docs/adr/0022): the packaged app with a second shard open for placement puts new
 * brands on the emptier server; each brand's schema, outbox and live data then live there only, routing follows the
 * registry, events written on the second server are published and counted by the control plane on the first, brands
 * on different servers never see each other, and the second server going away leaves the first one's brands working
 * (and its own brands answering 503 in words) until it returns.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardIT {

    private static LocalStack stack;
    private static DataSource main;
    private static DataSource east;
    private static Shop onMain;
    private static Shop onEast;
    private static String mainMember;
    private static String eastMember;

    @BeforeAll
    static void start() throws Exception {
        stack = new LocalStack();
        InfraTestResource.adopt(stack.startInfrastructure(0));
        main = stack.infra().dataSource();
        String eastUrl = stack.infra().startShard();
        east = stack.infra().shardDataSource();
        stack.startApp(
                0,
                "shard-it.log",
                "mendian.shards.east.url=" + eastUrl,
                "mendian.shards.east.accepting=true",
                "mendian.signup.rate-limit-per-hour=1000",
                "mendian.wechat.sandbox.pay.applyment-delay=0S",
                "mendian.ordering.expiry-every=1s",
                "mendian.ordering.expiry-delay=1s",
                "mendian.pay.refund-sweep-every=1s",
                "mendian.pay.refund-sweep-delay=1s",
                "mendian.wechat.sandbox.pay.refund-delay=200MS",
                "mendian.wechat.sandbox.pay.retry-schedule=1S,1S,2S,2S,5S");
        RoundRobinProxy.aimRestAssured(stack.port());
        // Both servers accept new brands and each goes to the one with fewer: two signups land one on each.
        Shop first = Shops.shop("sha");
        Shop second = Shops.shop("shb");
        boolean firstOnEast = "east".equals(shardOf(first));
        onEast = firstOnEast ? first : second;
        onMain = firstOnEast ? second : first;
        mainMember = Consumers.memberToken(onMain.brand().appid(), "m-main");
        eastMember = Consumers.memberToken(onEast.brand().appid(), "m-east");
    }

    @AfterAll
    static void stop() {
        RestAssured.reset();
        stack.close();
    }

    @Test
    @Order(1)
    void aNewBrandGoesToTheEmptierServerAndItsSchemaLivesThereOnly() {
        assertEquals("default", shardOf(onMain));
        assertEquals("east", shardOf(onEast));
        String eastSchema = onEast.brand().tenant().schema();
        String mainSchema = onMain.brand().tenant().schema();
        assertEquals(1, schemas(east, eastSchema), "the east brand's schema is on the east server");
        assertEquals(0, schemas(main, eastSchema), "and not on the main one");
        assertEquals(0, schemas(east, mainSchema), "the main brand's schema is not on the east server");
        // Its migration is recorded in the control plane like any other brand's.
        assertEquals(
                1,
                Sql.scalar(
                        main,
                        "select count(*) from platform.tenant where id = '"
                                + onEast.brand().slug()
                                + "' and migration_fingerprint is not null and migration_error is null"));
    }

    @Test
    @Order(2)
    void aBrandOnTheSecondServerSellsAndItsEventsReachTheControlPlane() {
        String orderNo = order(onEast, eastMember);
        Shops.pay(onEast.brand(), eastMember, orderNo);
        String schema = onEast.brand().tenant().schema();
        assertEquals(
                1,
                Sql.scalar(
                        east, "select count(*) from " + schema + ".customer_order where order_no = '" + orderNo + "'"));
        // The order's events were written in its transaction on the east server and published from there...
        Eventually.isTrue(
                Duration.ofSeconds(30),
                () -> Sql.scalar(east, "select count(*) from platform.outbox where published_at is null") == 0);
        assertTrue(Sql.scalar(
                        east,
                        "select count(*) from platform.outbox where tenant_id = '"
                                + onEast.brand().slug() + "'")
                > 0);
        // ...and the platform's meter on the main server counted the order.
        Eventually.isTrue(
                Duration.ofSeconds(30),
                () -> Sql.scalar(
                                main,
                                "select coalesce(sum(current), 0) from platform.usage_meter where tenant_id = '"
                                        + onEast.brand().slug() + "' and metric = 'orders'")
                        >= 1);
        // The store sees it in its queue and HQ in the order centre, both read on the east server.
        Response centre = Api.as(onEast.brand().adminToken()).get("/api/hq/orders");
        assertEquals(200, centre.statusCode(), centre.asString());
        assertTrue(centre.asString().contains(orderNo), centre.asString());
        Shops.handOver(onEast, eastMember, orderNo);
    }

    @Test
    @Order(3)
    void brandsOnDifferentServersNeverSeeEachOther() {
        String eastOrder = order(onEast, eastMember);
        String mainOrder = order(onMain, mainMember);
        // HQ of each brand reads its own server only. Order numbers are per brand, so the same number may name an
        // order of each: then each sees its own, never the other's.
        for (String number : List.of(eastOrder, mainOrder)) {
            Response asMain = Api.as(onMain.brand().adminToken()).get("/api/hq/orders/" + number);
            Response asEast = Api.as(onEast.brand().adminToken()).get("/api/hq/orders/" + number);
            assertEquals(
                    mainHas(number) ? 200 : 404,
                    asMain.statusCode(),
                    "main brand's HQ on " + number + ": " + asMain.asString());
            assertEquals(
                    eastHas(number) ? 200 : 404,
                    asEast.statusCode(),
                    "east brand's HQ on " + number + ": " + asEast.asString());
            if (asMain.statusCode() == 200 && asEast.statusCode() == 200) {
                assertNotEquals(asMain.<String>path("createdAt"), asEast.<String>path("createdAt"));
            }
        }
        // A member of one brand cannot read or cancel an order through the other brand's mini-program.
        int crossRead = Shops.member(eastMember)
                .get("/api/shop/" + onMain.brand().appid() + "/orders/" + mainOrder)
                .statusCode();
        assertTrue(crossRead == 401 || crossRead == 403 || crossRead == 404, "cross-brand read answered " + crossRead);
        int crossCancel = Shops.member(mainMember)
                .post("/api/shop/" + onEast.brand().appid() + "/orders/" + eastOrder + "/cancel")
                .statusCode();
        assertTrue(
                crossCancel == 401 || crossCancel == 403 || crossCancel == 404,
                "cross-brand cancel answered " + crossCancel);
        assertEquals(
                "PENDING_PAYMENT",
                Shops.member(eastMember)
                        .get("/api/shop/" + onEast.brand().appid() + "/orders/" + eastOrder)
                        .path("status"));
    }

    @Test
    @Order(4)
    void withTheSecondServerDownTheFirstServersBrandsKeepSellingAndItsOwnSay503() throws Exception {
        stack.infra().stopShard();
        try {
            String mainOrder = order(onMain, mainMember);
            Shops.pay(onMain.brand(), mainMember, mainOrder);
            Response browse =
                    Shops.member(eastMember).get("/api/shop/" + onEast.brand().appid() + "/orders");
            assertEquals(503, browse.statusCode(), browse.asString());
            assertTrue(browse.contentType().startsWith("application/problem+json"), browse.contentType());
            // The pods stay in the Service: readiness follows the control plane's server, not every shard.
            assertEquals(200, RestAssured.get("/q/health/ready").statusCode());
        } finally {
            stack.infra().startShard();
        }
        // Back: the east brand sells again, on the connections its pool opens anew.
        Eventually.isTrue(
                Duration.ofSeconds(30),
                () -> Shops.member(eastMember)
                                .get("/api/shop/" + onEast.brand().appid() + "/orders")
                                .statusCode()
                        == 200);
        String again = order(onEast, eastMember);
        Shops.pay(onEast.brand(), eastMember, again);
    }

    @Test
    @Order(5)
    void aBrandMovedToTheOtherServerWhileShoppersBuyLosesNothing() throws Exception {
        int stock = 400;
        List<String> shoppers = CommerceHistories.prepare(onMain, stock, 24, "mv-");
        String subMchid = Pay.subMchid(onMain.brand());
        String slug = onMain.brand().slug();
        String schema = onMain.brand().tenant().schema();
        AtomicBoolean moved = new AtomicBoolean();
        AtomicLong operations = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String shopper : shoppers) {
                running.add(clients.submit(() -> {
                    // Shoppers keep buying, paying and cancelling throughout; writes answered 503 brand-moving are
                    // sent again, as a client does.
                    while (!moved.get()) {
                        CommerceHistories.act(onMain, shopper, subMchid, operations);
                    }
                    return null;
                }));
            }
            try {
                Eventually.isTrue(Duration.ofSeconds(60), () -> operations.get() > 60);
                Response move = Api.as(Keycloak.operatorToken())
                        .body(Map.of("shard", "east"))
                        .post("/api/platform/tenants/" + slug + "/moves");
                assertEquals(202, move.statusCode(), move.asString());
                Eventually.isTrue(
                        Duration.ofSeconds(120),
                        () -> !"RUNNING"
                                .equals(Api.as(Keycloak.operatorToken())
                                        .get("/api/platform/tenants/" + slug + "/moves")
                                        .path("[0].state")));
                Response done = Api.as(Keycloak.operatorToken()).get("/api/platform/tenants/" + slug + "/moves");
                assertEquals("DONE", done.path("[0].state"), done.asString());
                long before = operations.get();
                Eventually.isTrue(Duration.ofSeconds(60), () -> operations.get() > before + 60);
            } finally {
                moved.set(true); // also when something above failed: the shoppers stop and the failure shows
            }
            for (Future<?> client : running) {
                client.get(); // any answer other than those the history allows fails here
            }
        }
        System.out.printf("SHARD MOVE: %d shopper operations across the move%n", operations.get());
        assertEquals("east", shardOf(onMain));
        assertEquals(1, schemas(east, schema), "the brand's schema is on the east server now");
        assertEquals(0, schemas(main, schema), "and no longer under its name on the main one");
        assertEquals(
                1,
                Sql.scalar(
                        main,
                        "select count(*) from information_schema.schemata where schema_name like 'moved\\_%\\_" + schema
                                + "'"),
                "the old copy is kept aside for the operator");
        // Every order anyone was told about is on the new server, and the books balance there.
        Sql.execute(
                east,
                "update " + schema + ".customer_order set pay_by = now() - interval '1 second' where status = "
                        + "'PENDING_PAYMENT'");
        Eventually.isTrue(
                Duration.ofSeconds(60),
                () -> Sql.scalar(
                                east,
                                "select count(*) from " + schema + ".customer_order where status = 'PENDING_PAYMENT'")
                        == 0);
        CommerceHistories.awaitSettled(east, onMain);
        CommerceHistories.check(east, List.of(main, east), onMain, stock);
    }

    private static String order(Shop shop, String member) {
        Shops.put(shop.brand().appid(), member, shop.pickupStore(), shop.tea(), 1);
        return Shops.checkoutPickup(shop.brand().appid(), member, shop.pickupStore());
    }

    private static boolean mainHas(String orderNo) {
        return has(main, onMain, orderNo);
    }

    private static boolean eastHas(String orderNo) {
        return has(east, onEast, orderNo);
    }

    private static boolean has(DataSource server, Shop shop, String orderNo) {
        String schema = shop.brand().tenant().schema();
        return Sql.scalar(
                        server, "select count(*) from " + schema + ".customer_order where order_no = '" + orderNo + "'")
                == 1;
    }

    private static String shardOf(Shop shop) {
        return Sql.string(
                main,
                "select shard from platform.tenant where id = '" + shop.brand().slug() + "'");
    }

    private static long schemas(DataSource server, String schema) {
        return Sql.scalar(
                server, "select count(*) from information_schema.schemata where schema_name = '" + schema + "'");
    }
}
