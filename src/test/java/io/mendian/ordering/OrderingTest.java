package io.mendian.ordering;

import static io.mendian.testsupport.Api.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.ordering.app.OrderExpiry;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Consumers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OrderingTest {

    @Inject
    DataSource data;

    @Inject
    OrderExpiry expiry;

    /** A brand with two stores open around the clock (the second delivers within 3 km) and two SKUs in stock. */
    record Shop(Brand brand, long pickupStore, long deliveryStore, long tea, long cake) {}

    private static Shop shop(String prefix) {
        Brand brand = Brands.anActiveBrand(prefix, "pro");
        String admin = brand.adminToken();
        Map<String, Object> always = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            always.put(day, List.of("00:00-23:59"));
        }
        long pickup = store(
                admin,
                "P1",
                "31.2304",
                Map.of(
                        "pickup",
                        true,
                        "express",
                        false,
                        "delivery",
                        Map.of("enabled", false, "radiusMeters", 0, "feeFen", 0, "minimumOrderFen", 0)),
                always);
        long delivery = store(
                admin,
                "D1",
                "31.2404",
                Map.of(
                        "pickup",
                        true,
                        "express",
                        false,
                        "delivery",
                        Map.of("enabled", true, "radiusMeters", 3000, "feeFen", 600, "minimumOrderFen", 1000)),
                always);
        long category = create(admin, "/api/hq/categories", Map.of("code", "ORD", "name", "Orders"));
        long product = create(
                admin,
                "/api/hq/products",
                Map.of(
                        "code",
                        "TEA",
                        "name",
                        "Oolong Tea",
                        "categoryId",
                        category,
                        "skus",
                        List.of(
                                Map.of("code", "TEA-M", "basePriceFen", 1800, "minPriceFen", 1500, "maxPriceFen", 2000),
                                Map.of(
                                        "code",
                                        "CAKE",
                                        "basePriceFen",
                                        2500,
                                        "minPriceFen",
                                        2000,
                                        "maxPriceFen",
                                        3000))));
        var skus = given().auth()
                .oauth2(admin)
                .get("/api/hq/products/" + product)
                .then()
                .extract()
                .jsonPath();
        long tea = skus.getLong("skus.find { it.code == 'TEA-M' }.id");
        long cake = skus.getLong("skus.find { it.code == 'CAKE' }.id");
        for (long store : List.of(pickup, delivery)) {
            io.mendian.testsupport.Api.as(admin)
                    .body(Map.of(
                            "lines",
                            List.of(Map.of("skuId", tea, "quantity", 5), Map.of("skuId", cake, "quantity", 5))))
                    .post("/api/store/" + store + "/stock/receipts")
                    .then()
                    .statusCode(201);
        }
        return new Shop(brand, pickup, delivery, tea, cake);
    }

    private static long store(
            String admin, String code, String lat, Map<String, Object> fulfilment, Map<String, Object> weekly) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "code",
                code,
                "name",
                code,
                "city",
                "Shanghai",
                "address",
                "1 Rd",
                "latitude",
                new java.math.BigDecimal(lat),
                "longitude",
                new java.math.BigDecimal("121.4737"),
                "status",
                "OPEN"));
        body.put("fulfilment", fulfilment);
        body.put("hours", Map.of("weekly", weekly));
        return create(admin, "/api/hq/stores", body);
    }

    private static RequestSpecification member(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static void put(String appid, String token, long store, long sku, int quantity) {
        member(token)
                .body(Map.of("quantity", quantity))
                .put("/api/shop/" + appid + "/cart/stores/" + store + "/items/" + sku)
                .then()
                .statusCode(200);
    }

    private long[] level(Shop s, long store, long sku) throws SQLException {
        try (Connection c = data.getConnection();
                var st = c.prepareStatement("select on_hand, reserved from "
                        + s.brand().tenant().schema() + ".stock where store_id = ? and sku_id = ?")) {
            st.setLong(1, store);
            st.setLong(2, sku);
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return new long[] {r.getLong(1), r.getLong(2)};
            }
        }
    }

    private static Map<String, Object> pickup(long store) {
        return Map.of(
                "storeId",
                store,
                "mode",
                "PICKUP",
                "pickupAt",
                Instant.now().plus(1, ChronoUnit.HOURS).toString());
    }

    private static Map<String, Object> delivery(long store, String lat) {
        return Map.of(
                "storeId",
                store,
                "mode",
                "DELIVERY",
                "address",
                Map.of(
                        "name",
                        "Eve",
                        "phone",
                        "13800000000",
                        "detail",
                        "2 Rd",
                        "latitude",
                        new java.math.BigDecimal(lat),
                        "longitude",
                        new java.math.BigDecimal("121.4737")));
    }

    @Test
    void aCartAcrossTwoStoresBecomesTwoOrdersWithPricesFixedAndStockHeld() throws Exception {
        Shop s = shop("order");
        String appid = s.brand().appid();
        String eve = Consumers.memberToken(appid, "eve");
        put(appid, eve, s.pickupStore(), s.tea(), 2);
        put(appid, eve, s.deliveryStore(), s.cake(), 1);
        member(eve).get("/api/shop/" + appid + "/cart").then().statusCode(200).body("stores", hasSize(2));

        String key = "checkout-" + UUID.randomUUID();
        Map<String, Object> body =
                Map.of("orders", List.of(pickup(s.pickupStore()), delivery(s.deliveryStore(), "31.2504")));
        List<Map<String, Object>> orders = member(eve)
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
        member(eve).get("/api/shop/" + appid + "/cart").then().body("stores", hasSize(0));
        // The same key again: the same orders, nothing placed twice.
        member(eve)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .body("[0].orderNo", equalTo(orders.get(0).get("orderNo")));
        assertArrayEquals(new long[] {5, 2}, level(s, s.pickupStore(), s.tea()));

        // Another member cannot see it; a staff token is not a member.
        String mallory = Consumers.memberToken(appid, "mallory");
        member(mallory)
                .get("/api/shop/" + appid + "/orders/" + orders.get(0).get("orderNo"))
                .then()
                .statusCode(404);
        member(s.brand().adminToken())
                .get("/api/shop/" + appid + "/orders")
                .then()
                .statusCode(403);
        member(eve).get("/api/shop/" + appid + "/orders").then().statusCode(200).body("items", hasSize(2));

        member(eve)
                .post("/api/shop/" + appid + "/orders/" + orders.get(0).get("orderNo") + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("timeline.status", org.hamcrest.Matchers.contains("PENDING_PAYMENT", "CANCELLED"));
        assertArrayEquals(new long[] {5, 0}, level(s, s.pickupStore(), s.tea()), "cancelling returned the stock");
        member(eve)
                .post("/api/shop/" + appid + "/orders/" + orders.get(0).get("orderNo") + "/cancel")
                .then()
                .statusCode(409);
    }

    @Test
    void checkoutIsAllOrNothingAndSaysWhyInWords() throws Exception {
        Shop s = shop("refuse");
        String appid = s.brand().appid();
        String fred = Consumers.memberToken(appid, "fred");
        put(appid, fred, s.pickupStore(), s.tea(), 2);
        put(appid, fred, s.deliveryStore(), s.cake(), 6);
        member(fred)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(pickup(s.pickupStore()), delivery(s.deliveryStore(), "31.2504"))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/insufficient-stock"))
                .body("skuId", equalTo((int) s.cake()))
                .body("available", equalTo(5));
        assertArrayEquals(
                new long[] {5, 0}, level(s, s.pickupStore(), s.tea()), "the first store's order rolled back too");
        member(fred).get("/api/shop/" + appid + "/cart").then().body("stores", hasSize(2));

        put(appid, fred, s.deliveryStore(), s.cake(), 1);
        member(fred)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(delivery(s.deliveryStore(), "31.3404"))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/outside-delivery-area"))
                .body("radiusMeters", equalTo(3000));
        member(fred)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(Map.of("storeId", s.pickupStore(), "mode", "PICKUP"))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/invalid-pickup-time"));
        member(fred)
                .body(Map.of("quantity", 100))
                .put("/api/shop/" + appid + "/cart/stores/" + s.pickupStore() + "/items/" + s.tea())
                .then()
                .statusCode(400);
    }

    @Test
    void anOrderNotPaidInTimeExpiresAndItsStockReturnsOnce() throws Exception {
        Shop s = shop("expire");
        String appid = s.brand().appid();
        String gina = Consumers.memberToken(appid, "gina");
        put(appid, gina, s.pickupStore(), s.tea(), 3);
        String orderNo = member(gina)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(pickup(s.pickupStore()))))
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
        member(gina)
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
}
