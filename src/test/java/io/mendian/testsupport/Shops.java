package io.mendian.testsupport;

import static io.mendian.testsupport.Api.create;
import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mendian.testsupport.Brands.Brand;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A brand ready to sell: stores open around the clock, two SKUs in stock, WeChat Pay active. */
public final class Shops {

    private Shops() {}

    /** A brand with two stores open around the clock (the second delivers within 3 km) and two SKUs in stock. */
    public record Shop(Brand brand, long pickupStore, long deliveryStore, long tea, long cake) {}

    public static Shop shop(String prefix) {
        Brand brand = Brands.anActiveBrand(prefix, "pro");
        Pay.activate(brand);
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

    public static long store(
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

    public static RequestSpecification member(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static void put(String appid, String token, long store, long sku, int quantity) {
        member(token)
                .body(Map.of("quantity", quantity))
                .put("/api/shop/" + appid + "/cart/stores/" + store + "/items/" + sku)
                .then()
                .statusCode(200);
    }

    public static Map<String, Object> pickup(long store) {
        return Map.of(
                "storeId",
                store,
                "mode",
                "PICKUP",
                "pickupAt",
                Instant.now().plus(1, ChronoUnit.HOURS).toString());
    }

    public static Map<String, Object> delivery(long store, String lat) {
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

    /** The member pays the order in the WeChat Pay sandbox; returns once the order is paid. */
    public static void pay(Brand brand, String token, String orderNo) {
        String appid = brand.appid();
        String outTradeNo = member(token)
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/payment")
                .then()
                .statusCode(200)
                .extract()
                .path("outTradeNo");
        Pay.customerPays(brand, outTradeNo, true);
        Eventually.isTrue(
                java.time.Duration.ofSeconds(20),
                () -> "PAID"
                        .equals(member(token)
                                .get("/api/shop/" + appid + "/orders/" + orderNo)
                                .then()
                                .extract()
                                .path("status")));
    }

    /** The store accepts, readies and hands over a paid pickup order against the member's code. */
    public static void handOver(Shop shop, String token, String orderNo) {
        handOver(shop, token, orderNo, shop.pickupStore());
    }

    /** The store accepts, readies and hands over a paid pickup order against the customer's code. */
    public static void handOver(Shop shop, String token, String orderNo, long storeId) {
        String admin = shop.brand().adminToken();
        String store = "/api/store/" + storeId;
        Api.as(admin).post(store + "/orders/" + orderNo + "/accept").then().statusCode(200);
        Api.as(admin).post(store + "/orders/" + orderNo + "/ready").then().statusCode(200);
        String code = member(token)
                .get("/api/shop/" + shop.brand().appid() + "/orders/" + orderNo)
                .then()
                .extract()
                .path("pickupCode");
        Api.as(admin).body(Map.of("code", code)).post(store + "/pickups").then().statusCode(200);
    }

    /** Checks out the member's cart at one store for pickup in an hour; returns the order number. */
    public static String checkoutPickup(String appid, String token, long store) {
        return member(token)
                .header("Idempotency-Key", "k-" + java.util.UUID.randomUUID())
                .body(Map.of("orders", List.of(pickup(store))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].orderNo");
    }
}
