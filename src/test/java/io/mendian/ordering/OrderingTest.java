package io.mendian.ordering;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.ordering.app.OrderExpiry;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OrderingTest {

    @Inject
    DataSource data;

    @Inject
    OrderExpiry expiry;

    private long[] level(Shop s, long store, long sku) {
        return Sql.stock(data, s.brand().tenant().schema(), store, sku);
    }

    @Test
    void aCartAcrossTwoStoresBecomesTwoOrdersWithPricesFixedAndStockHeld() throws Exception {
        Shop s = Shops.shop("order");
        String appid = s.brand().appid();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.put(appid, eve, s.pickupStore(), s.tea(), 2);
        Shops.put(appid, eve, s.deliveryStore(), s.cake(), 1);
        Shops.member(eve)
                .get("/api/shop/" + appid + "/cart")
                .then()
                .statusCode(200)
                .body("stores", hasSize(2));

        String key = "checkout-" + UUID.randomUUID();
        Map<String, Object> body =
                Map.of("orders", List.of(Shops.pickup(s.pickupStore()), Shops.delivery(s.deliveryStore(), "31.2504")));
        List<Map<String, Object>> orders = Shops.member(eve)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .body("", hasSize(2))
                .body("[0].status", equalTo("PENDING_PAYMENT"))
                .body("[0].totalFen", equalTo(3600))
                .body("[1].deliveryFeeFen", equalTo(600))
                .body("[1].totalFen", equalTo(3100))
                .body("[1].adjustments[0].kind", equalTo("DELIVERY_FEE"))
                .extract()
                .path("");
        assertArrayEquals(new long[] {5, 2}, level(s, s.pickupStore(), s.tea()));
        assertArrayEquals(new long[] {5, 1}, level(s, s.deliveryStore(), s.cake()));
        Shops.member(eve).get("/api/shop/" + appid + "/cart").then().body("stores", hasSize(0));
        // The same key again: the same orders, nothing placed twice.
        Shops.member(eve)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .body("[0].orderNo", equalTo(orders.get(0).get("orderNo")));
        assertArrayEquals(new long[] {5, 2}, level(s, s.pickupStore(), s.tea()));

        // Another member cannot see it; a staff token is not a member.
        String mallory = Consumers.memberToken(appid, "mallory");
        Shops.member(mallory)
                .get("/api/shop/" + appid + "/orders/" + orders.get(0).get("orderNo"))
                .then()
                .statusCode(404);
        Shops.member(s.brand().adminToken())
                .get("/api/shop/" + appid + "/orders")
                .then()
                .statusCode(403);
        Shops.member(eve)
                .get("/api/shop/" + appid + "/orders")
                .then()
                .statusCode(200)
                .body("items", hasSize(2));

        Shops.member(eve)
                .post("/api/shop/" + appid + "/orders/" + orders.get(0).get("orderNo") + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("timeline.status", org.hamcrest.Matchers.contains("PENDING_PAYMENT", "CANCELLED"));
        assertArrayEquals(new long[] {5, 0}, level(s, s.pickupStore(), s.tea()), "cancelling returned the stock");
        Shops.member(eve)
                .post("/api/shop/" + appid + "/orders/" + orders.get(0).get("orderNo") + "/cancel")
                .then()
                .statusCode(409);
    }

    @Test
    void checkoutIsAllOrNothingAndSaysWhyInWords() throws Exception {
        Shop s = Shops.shop("refuse");
        String appid = s.brand().appid();
        String fred = Consumers.memberToken(appid, "fred");
        Shops.put(appid, fred, s.pickupStore(), s.tea(), 2);
        Shops.put(appid, fred, s.deliveryStore(), s.cake(), 6);
        Shops.member(fred)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of(
                        "orders", List.of(Shops.pickup(s.pickupStore()), Shops.delivery(s.deliveryStore(), "31.2504"))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/insufficient-stock"))
                .body("skuId", equalTo((int) s.cake()))
                .body("available", equalTo(5));
        assertArrayEquals(
                new long[] {5, 0}, level(s, s.pickupStore(), s.tea()), "the first store's order rolled back too");
        Shops.member(fred).get("/api/shop/" + appid + "/cart").then().body("stores", hasSize(2));

        Shops.put(appid, fred, s.deliveryStore(), s.cake(), 1);
        Shops.member(fred)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(Shops.delivery(s.deliveryStore(), "31.3404"))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/outside-delivery-area"))
                .body("radiusMeters", equalTo(3000));
        Shops.member(fred)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of(
                        "orders",
                        List.of(Map.of(
                                "storeId", s.pickupStore(), "mode", "PICKUP", "pickupAt", "2020-01-01T08:00:00Z"))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/invalid-pickup-time"));
        Shops.member(fred)
                .body(Map.of("quantity", 100))
                .put("/api/shop/" + appid + "/cart/stores/" + s.pickupStore() + "/items/" + s.tea())
                .then()
                .statusCode(400);
    }

    @Test
    void anOrderNotPaidInTimeExpiresAndItsStockReturnsOnce() throws Exception {
        Shop s = Shops.shop("expire");
        String appid = s.brand().appid();
        String gina = Consumers.memberToken(appid, "gina");
        Shops.put(appid, gina, s.pickupStore(), s.tea(), 3);
        String orderNo = Shops.member(gina)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(Shops.pickup(s.pickupStore()))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].orderNo");
        try (Connection c = data.getConnection();
                var st = c.createStatement()) {
            st.executeUpdate("update " + s.brand().tenant().schema()
                    + ".customer_order set pay_by = now() - interval '1 second' where order_no = '" + orderNo + "'");
        }
        List<Thread> sweeps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sweeps.add(Thread.ofPlatform().start(() -> expiry.expire(s.brand().tenant())));
        }
        for (Thread t : sweeps) {
            t.join();
        }
        Shops.member(gina)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .body("status", equalTo("EXPIRED"))
                .body("timeline[1].actor", equalTo("system:expiry"));
        assertArrayEquals(new long[] {5, 0}, level(s, s.pickupStore(), s.tea()));
        try (Connection c = data.getConnection();
                var st = c.createStatement();
                ResultSet r = st.executeQuery(
                        "select count(*) from " + s.brand().tenant().schema()
                                + ".stock_movement where kind = 'RELEASE' and reference = 'order:" + orderNo + "'")) {
            r.next();
            assertEquals(1, r.getLong(1), "released exactly once");
        }
    }

    @Test
    void aBrandThatUsedItsMonthlyOrderAllowanceTakesNoMoreOrders() {
        Shop s = Shops.shop("allowance");
        String appid = s.brand().appid();
        String ivy = Consumers.memberToken(appid, "ivy");
        Shops.put(appid, ivy, s.pickupStore(), s.tea(), 1);
        // Pro allows 100,000 orders a month; the meter says this brand has had them all.
        Sql.execute(
                data,
                "insert into platform.usage_meter (tenant_id, period, metric, current, peak, updated_at) "
                        + "values ('" + s.brand().slug() + "', to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM'), "
                        + "'orders', 100000, 100000, now()) on conflict (tenant_id, period, metric) do update set current = "
                        + "excluded.current");
        Shops.member(ivy)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(Shops.pickup(s.pickupStore()))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/plan-limit-reached"))
                .body("limit", equalTo("ordersPerMonth"));
    }
}
