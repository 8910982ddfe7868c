package io.mendian.ordering;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class StoreOrderTest {

    @Inject
    DataSource data;

    private long[] level(Shop s, long store, long sku) {
        return Sql.stock(data, s.brand().tenant().schema(), store, sku);
    }

    @Test
    void aPaidPickupOrderIsAcceptedPreparedAndHandedOverOnlyAgainstItsCode() throws Exception {
        Shop s = Shops.shop("queue");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.put(appid, eve, s.pickupStore(), s.tea(), 2);
        String orderNo = Shops.checkoutPickup(appid, eve, s.pickupStore());
        String store = "/api/store/" + s.pickupStore();
        Api.as(admin).get(store + "/orders").then().statusCode(200).body("items", hasSize(0));

        Shops.pay(s.brand(), eve, orderNo);
        String code = Shops.member(eve)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .body("pickupCode", matchesPattern("[0-9]{6}"))
                .extract()
                .path("pickupCode");
        Api.as(admin)
                .get(store + "/orders")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("PAID"))
                .body("items[0].pickupCode", nullValue());
        // The console's live feed has it (a reconnecting console resumes from the last event id it saw).
        String feed = Api.as(admin)
                .queryParam("after", 1)
                .get(store + "/orders/feed")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        org.junit.jupiter.api.Assertions.assertTrue(
                feed.contains("event:order") && feed.contains(orderNo) && feed.contains("\"status\":\"PAID\""), feed);
        // Not before it is ready, not with another code, not at another store.
        String wrong = code.equals("000000") ? "000001" : "000000";
        Api.as(admin)
                .body(Map.of("code", code))
                .post(store + "/pickups")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/not-ready"));
        Api.as(admin).post(store + "/orders/" + orderNo + "/ready").then().statusCode(409);
        Api.as(admin)
                .post(store + "/orders/" + orderNo + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        Api.as(admin).post(store + "/orders/" + orderNo + "/accept").then().statusCode(200);
        Api.as(admin).post(store + "/orders/" + orderNo + "/prepare").then().statusCode(200);
        Api.as(admin)
                .post(store + "/orders/" + orderNo + "/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("READY"));
        Api.as(admin)
                .body(Map.of("code", wrong))
                .post(store + "/pickups")
                .then()
                .statusCode(404);
        Api.as(admin)
                .body(Map.of("code", code))
                .post("/api/store/" + s.deliveryStore() + "/pickups")
                .then()
                .statusCode(404);
        Api.as(admin)
                .body(Map.of("code", "12ab"))
                .post(store + "/pickups")
                .then()
                .statusCode(400);
        Api.as(admin)
                .post(store + "/orders/" + orderNo + "/complete")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/pickup-code-required"));
        assertArrayEquals(new long[] {5, 2}, level(s, s.pickupStore(), s.tea()), "held until it leaves");

        java.util.List<String> timeline = Api.as(admin)
                .body(Map.of("code", code))
                .post(store + "/pickups")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .extract()
                .path("timeline.status");
        // The ready notice (asynchronous, through the broker) may land anywhere after READY.
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.List.of("PENDING_PAYMENT", "PAID", "ACCEPTED", "PREPARING", "READY", "COMPLETED"),
                timeline.stream().filter(t -> !t.equals("READY_NOTICE")).toList());
        assertArrayEquals(new long[] {3, 0}, level(s, s.pickupStore(), s.tea()), "the goods left: hold committed");
        Api.as(admin).body(Map.of("code", code)).post(store + "/pickups").then().statusCode(404);
        Shops.member(eve)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .body("status", equalTo("COMPLETED"));
        Api.as(admin)
                .queryParam("status", "COMPLETED")
                .get(store + "/orders")
                .then()
                .body("items", hasSize(1));
        Api.as(admin).queryParam("status", "NOPE").get(store + "/orders").then().statusCode(400);

        // HQ's order centre finds it by its filters and exports the same rows.
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        Map<String, Object> filters =
                Map.of("storeId", s.pickupStore(), "status", "COMPLETED", "mode", "PICKUP", "from", today, "to", today);
        Api.as(admin)
                .queryParams(filters)
                .get("/api/hq/orders")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].orderNo", equalTo(orderNo))
                .body("items[0].totalFen", equalTo(3600));
        Api.as(admin)
                .queryParam("status", "CANCELLED")
                .get("/api/hq/orders")
                .then()
                .body("total", equalTo(0));
        Api.as(admin)
                .queryParam("from", "yesterday")
                .get("/api/hq/orders")
                .then()
                .statusCode(400);
        String csv = Api.as(admin)
                .queryParams(filters)
                .get("/api/hq/orders/export.csv")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract()
                .asString();
        String[] rows = csv.split("\r\n");
        org.junit.jupiter.api.Assertions.assertEquals(2, rows.length, csv);
        org.junit.jupiter.api.Assertions.assertTrue(rows[0].contains("订单号"), rows[0]);
        org.junit.jupiter.api.Assertions.assertTrue(rows[1].startsWith("\"" + orderNo + "\""), rows[1]);
        org.junit.jupiter.api.Assertions.assertTrue(rows[1].contains(",36.00,"), rows[1]);
        byte[] xlsx = Api.as(admin)
                .queryParams(filters)
                .get("/api/hq/orders/export.xlsx")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            org.junit.jupiter.api.Assertions.assertEquals(
                    "订单号", sheet.getRow(0).getCell(0).getStringCellValue());
            org.junit.jupiter.api.Assertions.assertEquals(
                    orderNo, sheet.getRow(1).getCell(0).getStringCellValue());
            org.junit.jupiter.api.Assertions.assertEquals(1, sheet.getLastRowNum());
        }
        Api.as(admin).get("/api/hq/orders/" + orderNo).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }
}
