package io.mendian.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
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
import io.mendian.testsupport.MiniApps;
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.RoundRobinProxy;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

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
        try (ExecutorService clients = CommerceHistories.clients()) {
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

    @Test
    @Order(6)
    void hqWorkThatChangesTheControlPlaneSucceedsForBrandsOnTheSecondServerAndReplaysOnRetry() {
        // Both brands live on the east server now; one was placed there, the other moved there.
        assertEquals("east", shardOf(onEast));
        assertEquals("east", shardOf(onMain));
        String eastAdmin = onEast.brand().adminToken();

        // A plan change and the activation: the subscription is on the control plane, HQ's key guards the retry.
        for (Shop shop : List.of(onEast, onMain)) {
            String key = "k-plan-" + UUID.randomUUID();
            for (String replayed : List.of("", "true")) {
                Response change = keyed(shop.brand().adminToken(), key)
                        .body(Map.of("plan", "basic"))
                        .post("/api/hq/subscription/plan-change");
                assertEquals(200, change.statusCode(), change.asString());
                assertEquals("basic", change.path("plan"), change.asString());
                assertEquals(
                        replayed,
                        String.valueOf(change.header("Idempotent-Replayed")).replace("null", ""));
            }
        }
        String activation = "k-act-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            Response activated = keyed(eastAdmin, activation).post("/api/hq/subscription/activation");
            assertEquals(200, activated.statusCode(), activated.asString());
            assertEquals("ACTIVE", activated.path("status"), activated.asString());
        }
        // The first invoice is paid by scanning a WeChat Pay code, and settles on the control plane.
        Object invoice = Api.as(eastAdmin).get("/api/hq/invoices").path("items[0].id");
        Response qr = Api.as(eastAdmin).post("/api/hq/invoices/" + invoice + "/wechat-pay");
        assertEquals(200, qr.statusCode(), qr.asString());
        RestAssured.given()
                .post("/sandbox/wechat/pay/test/transactions/" + qr.path("outTradeNo") + "/pay")
                .then()
                .statusCode(200);
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> "PAID"
                        .equals(Api.as(eastAdmin)
                                .get("/api/hq/invoices/" + invoice)
                                .path("status")));

        // Staff: a new account takes a seat; an account of the other brand only gets an invitation, which its owner
        // accepts; another one is withdrawn. The brand's staff audit (on its own server) records each step.
        String invite = "k-staff-" + UUID.randomUUID();
        String newcomer = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@shard.test";
        for (int i = 0; i < 2; i++) {
            Response created = invite(eastAdmin, invite, newcomer);
            assertEquals(201, created.statusCode(), created.asString());
        }
        // An account the other brand made, before that brand's administrator (working for one brand until then) joins.
        String outsider = "out-" + UUID.randomUUID().toString().substring(0, 8) + "@shard.test";
        Response made = invite(onMain.brand().adminToken(), "k-staff-" + UUID.randomUUID(), outsider);
        assertEquals(201, made.statusCode(), made.asString());
        Response invited =
                invite(eastAdmin, "k-staff-" + UUID.randomUUID(), onMain.brand().adminEmail());
        assertEquals(202, invited.statusCode(), invited.asString());
        String invitation = invited.path("id");
        Response listed = Api.as(eastAdmin).get("/api/hq/staff/invitations");
        assertEquals(200, listed.statusCode(), listed.asString());
        assertTrue(listed.asString().contains(invitation), listed.asString());
        Response accepted = Api.as(onMain.brand().adminToken()).post("/api/me/invitations/" + invitation + "/accept");
        assertEquals(200, accepted.statusCode(), accepted.asString());
        assertEquals("ACCEPTED", accepted.path("status"));

        Response pending = invite(eastAdmin, "k-staff-" + UUID.randomUUID(), outsider);
        assertEquals(202, pending.statusCode(), pending.asString());
        Response withdrawn = Api.as(eastAdmin).delete("/api/hq/staff/invitations/" + pending.path("id"));
        assertEquals(204, withdrawn.statusCode(), withdrawn.asString());

        Eventually.holds(Duration.ofSeconds(10), () -> {
            String audit = Api.as(eastAdmin).get("/api/hq/staff/audit?size=50").asString();
            for (String action : List.of("staff.invite", "staff.invitation.accept", "staff.invitation.withdraw")) {
                assertTrue(audit.contains(action), action + " in " + audit);
            }
        });
    }

    @Test
    @Order(7)
    void hqRedeploysItsMiniProgramFromTheSecondServerAndARetryReplays() {
        MiniApps.authorize(onEast.brand(), MiniApps.freshAppid());
        String admin = onEast.brand().adminToken();
        Eventually.isTrue(
                Duration.ofSeconds(60),
                () -> "RELEASED".equals(Api.as(admin).get("/api/hq/miniapp").path("deployment.state")));
        String key = "k-deploy-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            Response deployed = keyed(admin, key).post("/api/hq/miniapp/deployments");
            assertEquals(202, deployed.statusCode(), deployed.asString());
        }
        Eventually.isTrue(
                Duration.ofSeconds(60),
                () -> "RELEASED".equals(Api.as(admin).get("/api/hq/miniapp").path("deployment.state")));
    }

    @Test
    @Order(8)
    void aMoveAskedForWhileTheBrandsSchemaIsBusyIsRefusedInWords() throws Exception {
        String slug = onEast.brand().slug();
        try (Connection migrating = main.getConnection();
                Statement lock = migrating.createStatement()) {
            // What a migration of the brand holds while it runs (tenancy.SchemaLock).
            lock.execute("select pg_advisory_lock(hashtext('schema-work:" + slug + "'))");
            Response refused = Api.as(Keycloak.operatorToken())
                    .body(Map.of("shard", "default"))
                    .post("/api/platform/tenants/" + slug + "/moves");
            assertEquals(409, refused.statusCode(), refused.asString());
            assertEquals("https://mendian.io/problems/schema-busy", refused.path("type"));
        }
        assertEquals("east", shardOf(onEast), "nothing moved");
    }

    private static RequestSpecification keyed(String token, String key) {
        return RestAssured.given()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key);
    }

    private static Response invite(String token, String key, String email) {
        return keyed(token, key)
                .body(Map.of("email", email, "grants", List.of(Map.of("role", "hq_staff", "scope", "all"))))
                .post("/api/hq/staff");
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
