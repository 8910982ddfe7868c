package io.mendian.promotion;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.ordering.app.GroupOrders;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.GroupBuys;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Group buys on real PostgreSQL, tokens and the WeChat Pay sandbox: a team takes exactly its size, its paid orders stay
 * out of the store's queue until the last member pays, and a team that runs out of time is refunded in full exactly
 * once, however many sweepers race.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class GroupBuyTest {

    @Inject
    DataSource data;

    @Inject
    GroupOrders groupOrders;

    @Test
    void aTeamFormsWhenItsLastMemberPaysAndOnlyThenReachesTheStoresQueue() throws Exception {
        Shop s = Shops.shop("grpform");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long buy = Api.create(admin, "/api/hq/promotions/group-buys", GroupBuys.buy("三人团乌龙茶", s.tea(), 800, 3));
        String ann = Consumers.memberToken(appid, "ann");
        String annOrder = GroupBuys.join(appid, ann, buy, null, s.pickupStore())
                .then()
                .statusCode(201)
                .body("totalFen", equalTo(800))
                .body("pricing.discounts[0].kind", equalTo("ITEM_ACTIVITY"))
                .extract()
                .path("orderNo");
        long team = GroupBuys.teamOf(appid, ann, annOrder);
        Shops.pay(s.brand(), ann, annOrder);
        // Paid, but the team has one member of three: the store does not see it and cannot work it.
        queue(admin, s.pickupStore()).body("items.orderNo", not(hasItem(annOrder)));
        Api.as(admin)
                .get("/api/store/" + s.pickupStore() + "/make-queue")
                .then()
                .statusCode(200)
                .body("tickets.orderNo", not(hasItem(annOrder)));
        Api.as(admin)
                .post("/api/store/" + s.pickupStore() + "/orders/" + annOrder + "/accept")
                .then()
                .statusCode(409)
                .body("type", endsWith("group-forming"));
        // The share link shows the team to anyone.
        io.restassured.RestAssured.given()
                .get("/api/shop/" + appid + "/group-teams/" + team)
                .then()
                .statusCode(200)
                .body("joined", equalTo(1))
                .body("paid", equalTo(1))
                .body("status", equalTo("OPEN"));

        // Five friends race for the two free seats: exactly two get one.
        List<String> friends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            friends.add(Consumers.memberToken(appid, "friend" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<io.restassured.response.Response>> tries = new ArrayList<>();
        for (String friend : friends) {
            Callable<io.restassured.response.Response> attempt =
                    () -> GroupBuys.join(appid, friend, buy, team, s.pickupStore());
            tries.add(pool.submit(attempt));
        }
        Map<Integer, Integer> outcomes = new HashMap<>();
        Map<String, String> seated = new HashMap<>();
        for (int i = 0; i < tries.size(); i++) {
            io.restassured.response.Response r = tries.get(i).get();
            outcomes.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 201) {
                seated.put(friends.get(i), r.path("orderNo"));
            } else {
                r.then().body("type", endsWith("team-full"));
            }
        }
        pool.shutdown();
        assertEquals(Map.of(201, 2, 409, 3), outcomes);
        // A member cannot sit twice; another store's order cannot join the team.
        GroupBuys.join(appid, ann, buy, team, s.pickupStore())
                .then()
                .statusCode(409)
                .body("type", endsWith("team-full"));
        GroupBuys.join(appid, friends.get(4), buy, team, s.deliveryStore())
                .then()
                .statusCode(422)
                .body("type", endsWith("team-at-another-store"));

        var seats = new ArrayList<>(seated.entrySet());
        Shops.pay(s.brand(), seats.get(0).getKey(), seats.get(0).getValue());
        queue(admin, s.pickupStore()).body("items.orderNo", not(hasItem(annOrder)));
        Shops.pay(s.brand(), seats.get(1).getKey(), seats.get(1).getValue());
        // The last payment formed the team: all three orders are the store's work now.
        Api.as(admin)
                .get("/api/store/" + s.pickupStore() + "/make-queue")
                .then()
                .body("tickets.orderNo", hasItem(annOrder));
        queue(admin, s.pickupStore())
                .body("items.orderNo", hasItem(annOrder))
                .body("items.orderNo", hasItem(seats.get(0).getValue()))
                .body("items.orderNo", hasItem(seats.get(1).getValue()));
        io.restassured.RestAssured.given()
                .get("/api/shop/" + appid + "/group-teams/" + team)
                .then()
                .body("status", equalTo("FORMED"))
                .body("paid", equalTo(3));
        Shops.handOver(s, ann, annOrder);
        Api.as(admin)
                .get("/api/hq/promotions/group-buys/" + buy)
                .then()
                .statusCode(200)
                .body("teamsFormed", equalTo(1))
                .body("state", equalTo("LIVE"));
    }

    @Test
    void aTeamThatRunsOutOfTimeIsRefundedInFullExactlyOnceWhateverRacesTheSweep() throws Exception {
        Shop s = Shops.shop("grpfail");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String schema = s.brand().tenant().schema();
        long buy = Api.create(admin, "/api/hq/promotions/group-buys", GroupBuys.buy("四人团蛋糕", s.cake(), 500, 4));
        String ann = Consumers.memberToken(appid, "ann");
        String bob = Consumers.memberToken(appid, "bob");
        String cat = Consumers.memberToken(appid, "cat");
        String annOrder = GroupBuys.join(appid, ann, buy, null, s.pickupStore())
                .then()
                .statusCode(201)
                .extract()
                .path("orderNo");
        long team = GroupBuys.teamOf(appid, ann, annOrder);
        String bobOrder = GroupBuys.join(appid, bob, buy, team, s.pickupStore())
                .then()
                .statusCode(201)
                .extract()
                .path("orderNo");
        String catOrder = GroupBuys.join(appid, cat, buy, team, s.pickupStore())
                .then()
                .statusCode(201)
                .extract()
                .path("orderNo");
        Shops.pay(s.brand(), ann, annOrder);
        Shops.pay(s.brand(), bob, bobOrder);
        // Cat never pays. The deadline passes.
        Sql.execute(
                data,
                "update " + schema + ".group_buy_team set expires_at = now() - interval '1 second' where id = " + team);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> sweeps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sweeps.add(pool.submit(() -> groupOrders.failExpired(s.brand().tenant())));
        }
        int failed = 0;
        for (Future<Integer> f : sweeps) {
            failed += f.get();
        }
        pool.shutdown();
        assertEquals(1, failed, "one sweep fails the team");
        assertEquals(0, groupOrders.failExpired(s.brand().tenant()), "a later sweep finds nothing to do");
        for (String orderNo : List.of(annOrder, bobOrder)) {
            assertEquals(
                    1,
                    Sql.scalar(data, "select count(*) from " + schema + ".refund where order_no = '" + orderNo + "'"),
                    "one refund for " + orderNo);
            assertEquals(
                    500,
                    Sql.scalar(
                            data,
                            "select sum(amount_fen) from " + schema + ".refund where order_no = '" + orderNo + "'"));
        }
        Eventually.isTrue(
                java.time.Duration.ofSeconds(20),
                () -> "CANCELLED"
                        .equals(Shops.member(ann)
                                .get("/api/shop/" + appid + "/orders/" + annOrder)
                                .then()
                                .extract()
                                .path("status")));
        Shops.member(cat)
                .get("/api/shop/" + appid + "/orders/" + catOrder)
                .then()
                .body("status", equalTo("CANCELLED"));
        assertEquals(
                0,
                Sql.scalar(data, "select count(*) from " + schema + ".refund where order_no = '" + catOrder + "'"),
                "nothing was paid for the unpaid seat");
        io.restassured.RestAssured.given()
                .get("/api/shop/" + appid + "/group-teams/" + team)
                .then()
                .body("status", equalTo("FAILED"));
        // The stock held for the three orders is back.
        assertEquals(0, Sql.stock(data, schema, s.pickupStore(), s.cake())[1]);
        Shops.member(bob)
                .get("/api/shop/" + appid + "/me/group-teams")
                .then()
                .statusCode(200)
                .body("[0].team.status", equalTo("FAILED"))
                .body("[0].seat", equalTo("LEFT"));
    }

    @Test
    void refusalsSayWhyAndChangeNothing() {
        Shop s = Shops.shop("grpbad");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        Map<String, Object> bad = GroupBuys.buy("一人团", s.tea(), 800, 1);
        Api.as(admin).body(bad).post("/api/hq/promotions/group-buys").then().statusCode(400);
        Map<String, Object> unknownSku = GroupBuys.buy("无此商品", 999_999, 800, 2);
        Api.as(admin)
                .body(unknownSku)
                .post("/api/hq/promotions/group-buys")
                .then()
                .statusCode(422)
                .body("type", endsWith("unknown-sku"));
        long buy = Api.create(
                admin, "/api/hq/promotions/group-buys", GroupBuys.buy("门店限定", s.tea(), 800, 2, s.pickupStore()));
        String ann = Consumers.memberToken(appid, "ann");
        GroupBuys.join(appid, ann, buy, null, s.deliveryStore())
                .then()
                .statusCode(422)
                .body("type", endsWith("group-buy-not-at-this-store"));
        GroupBuys.join(appid, ann, buy, 999_999L, s.pickupStore()).then().statusCode(404);
        Api.as(admin)
                .post("/api/hq/promotions/group-buys/" + buy + "/end")
                .then()
                .statusCode(200);
        Api.as(admin)
                .post("/api/hq/promotions/group-buys/" + buy + "/end")
                .then()
                .statusCode(409)
                .body("type", endsWith("already-ended"));
        GroupBuys.join(appid, ann, buy, null, s.pickupStore())
                .then()
                .statusCode(409)
                .body("type", endsWith("group-buy-over"));
        Shops.member(ann).get("/api/shop/" + appid + "/orders").then().body("total", equalTo(0));
        io.restassured.RestAssured.given()
                .get("/api/shop/" + appid + "/group-teams/abc")
                .then()
                .statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse queue(String admin, long store) {
        return Api.as(admin)
                .get("/api/store/" + store + "/orders?size=100")
                .then()
                .statusCode(200);
    }
}
