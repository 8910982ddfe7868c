package io.mendian.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class RefundTest {

    @Inject
    DataSource data;

    private long refunds(Shop s, String status) {
        return Sql.scalar(
                data,
                "select count(*) from " + s.brand().tenant().schema() + ".refund where status = '" + status + "'");
    }

    private long gmvEvents(Shop s) {
        return Sql.scalar(
                data,
                "select coalesce(sum((payload->>'value')::bigint), 0) from platform.outbox where " + "tenant_id = '"
                        + s.brand().slug() + "' and payload->>'metric' = 'GMV_FEN'");
    }

    @Test
    void aPaidOrderCancelledBeforeTheStoreAcceptsItIsRefundedOnceAndItsStockReturns() {
        Shop s = Shops.shop("refund");
        String appid = s.brand().appid();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.put(appid, eve, s.pickupStore(), s.tea(), 2);
        String orderNo = Shops.checkoutPickup(appid, eve, s.pickupStore());
        Shops.pay(s.brand(), eve, orderNo);
        assertEquals(3600, gmvEvents(s));

        Shops.member(eve)
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("timeline.status", hasItem("REFUND_REQUESTED"));
        assertArrayEquals(new long[] {5, 0}, Sql.stock(data, s.brand().tenant().schema(), s.pickupStore(), s.tea()));
        Eventually.isTrue(Duration.ofSeconds(20), () -> refunds(s, "SUCCESS") == 1);
        Shops.member(eve)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .body("timeline.status", hasItem("REFUNDED"));
        assertEquals(0, gmvEvents(s), "the GMV meter took the refund back");

        // WeChat Pay's refund callback again, twice: nothing changes.
        List<Map<String, Object>> deliveries = given().queryParam("sub_mchid", Pay.subMchid(s.brand()))
                .get("/sandbox/wechat/pay/test/notifications/" + orderNo + "R1")
                .then()
                .extract()
                .path("");
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) deliveries.get(0).get("headers");
        for (int i = 0; i < 2; i++) {
            given().headers(headers)
                    .contentType(ContentType.JSON)
                    .body((String) deliveries.get(0).get("body"))
                    .post((String) deliveries.get(0).get("url"))
                    .then()
                    .statusCode(204);
        }
        assertEquals(1, refunds(s, "SUCCESS"));
        assertEquals(0, gmvEvents(s));
        Shops.member(eve)
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/cancel")
                .then()
                .statusCode(409);
    }

    @Test
    void hqRefundsPartOfACompletedOrderButNeverMoreThanWasPaid() {
        Shop s = Shops.shop("partial");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.put(appid, eve, s.pickupStore(), s.cake(), 1);
        String orderNo = Shops.checkoutPickup(appid, eve, s.pickupStore());
        Shops.pay(s.brand(), eve, orderNo);
        String store = "/api/store/" + s.pickupStore() + "/orders/" + orderNo;
        Shops.handOver(s, eve, orderNo);
        Api.as(admin)
                .body(Map.of("reason", "too late"))
                .post(store + "/reject")
                .then()
                .statusCode(409);

        Api.as(admin)
                .body(Map.of("amountFen", 1000, "reason", "口味不佳，部分退款"))
                .post("/api/hq/orders/" + orderNo + "/refunds")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("timeline.status", hasItem("REFUND_REQUESTED"));
        Api.as(admin)
                .body(Map.of("amountFen", 1501, "reason", "again"))
                .post("/api/hq/orders/" + orderNo + "/refunds")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/refund-exceeds-payment"))
                .body("refundableFen", equalTo(1500));
        Api.as(admin)
                .body(Map.of("amountFen", 0, "reason", "zero"))
                .post("/api/hq/orders/" + orderNo + "/refunds")
                .then()
                .statusCode(400);
        Api.as(admin)
                .body(Map.of("amountFen", 1500, "reason", "the rest"))
                .post("/api/hq/orders/" + orderNo + "/refunds")
                .then()
                .statusCode(200);
        Eventually.isTrue(Duration.ofSeconds(20), () -> refunds(s, "SUCCESS") == 2);
        assertEquals(0, gmvEvents(s));
        assertArrayEquals(
                new long[] {4, 0},
                Sql.stock(data, s.brand().tenant().schema(), s.pickupStore(), s.cake()),
                "a money refund after pickup does not restock");
    }

    @Test
    void aReturnApprovedByTheStoreRefundsItsPriceAndPutsTheGoodsBackOnTheShelf() {
        Shop s = Shops.shop("returns");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.put(appid, eve, s.pickupStore(), s.tea(), 2);
        String orderNo = Shops.checkoutPickup(appid, eve, s.pickupStore());
        Shops.pay(s.brand(), eve, orderNo);
        Shops.handOver(s, eve, orderNo);
        String schema = s.brand().tenant().schema();
        assertArrayEquals(new long[] {3, 0}, Sql.stock(data, schema, s.pickupStore(), s.tea()));
        String afterSales = "/api/shop/" + appid + "/orders/" + orderNo + "/after-sales";

        Shops.member(eve)
                .body(Map.of(
                        "kind",
                        "RETURN",
                        "reason",
                        "wrong",
                        "lines",
                        List.of(Map.of("skuId", s.cake(), "quantity", 1))))
                .post(afterSales)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/not-in-order"));
        int id = Shops.member(eve)
                .body(Map.of(
                        "kind", "RETURN", "reason", "太甜", "lines", List.of(Map.of("skuId", s.tea(), "quantity", 1))))
                .post(afterSales)
                .then()
                .statusCode(201)
                .body("amountFen", equalTo(1800))
                .body("status", equalTo("REQUESTED"))
                .extract()
                .path("id");
        Shops.member(eve)
                .body(Map.of("kind", "REFUND", "amountFen", 100, "reason", "again"))
                .post(afterSales)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/after-sale-open"));
        String desk = "/api/store/" + s.pickupStore() + "/after-sales";
        Api.as(admin)
                .queryParam("status", "REQUESTED")
                .get(desk)
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        Api.as(admin)
                .body(Map.of("restock", true))
                .post(desk + "/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
        Api.as(admin)
                .body(Map.of("restock", true))
                .post(desk + "/" + id + "/approve")
                .then()
                .statusCode(409);
        assertArrayEquals(new long[] {4, 0}, Sql.stock(data, schema, s.pickupStore(), s.tea()), "back on the shelf");
        Eventually.isTrue(Duration.ofSeconds(20), () -> refunds(s, "SUCCESS") == 1);
        assertEquals(1800, gmvEvents(s));

        // More than is left to refund: the store cannot approve it, and rejects it with a word for the customer.
        int greedy = Shops.member(eve)
                .body(Map.of("kind", "REFUND", "amountFen", 5000, "reason", "all of it"))
                .post(afterSales)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(admin)
                .body(Map.of())
                .post(desk + "/" + greedy + "/approve")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/refund-exceeds-payment"));
        Api.as(admin)
                .body(Map.of())
                .post(desk + "/" + greedy + "/reject")
                .then()
                .statusCode(422);
        Api.as(admin)
                .body(Map.of("note", "超出可退金额"))
                .post(desk + "/" + greedy + "/reject")
                .then()
                .statusCode(200);
        Shops.member(eve)
                .get(afterSales)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.contains("APPROVED", "REJECTED"))
                .body("[1].decisionNote", equalTo("超出可退金额"));
    }
}
