package io.mendian.booking;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.booking.app.HoldExpiry;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Bookings;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Items paid online (C8 "confirmed when paid"): booking one places its order, the payment confirms the hold, a
 * cancellation refunds it, and a payment that arrives after the hold lapsed is refunded whole.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class BookingPaymentTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    HoldExpiry expiry;

    @Inject
    DataSource data;

    @Test
    void aPrepaidItemIsConfirmedByItsPaymentAndRefundedWhenCancelled() {
        Shop s = Shops.shop("bookpay");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        long item = prepaidItem(admin);
        Bookings.person(admin, s.pickupStore(), "Ann", item, List.of("09:00-18:00"));
        String member = Consumers.memberToken(appid, "paula");
        String startsAt = tomorrowAt("10:00");

        Held held = book(appid, member, s.pickupStore(), item, startsAt);
        long id = held.id();
        String orderNo = held.orderNo();
        Api.as(member)
                .post("/api/shop/" + appid + "/appointments/" + id + "/confirm")
                .then()
                .statusCode(409)
                .body("type", endsWith("payment-required"));
        Shops.member(member)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .statusCode(200)
                .body("totalFen", equalTo(12800))
                .body("lines[0].productName", equalTo("Deep facial"));

        Shops.pay(s.brand(), member, orderNo);
        Eventually.isTrue(Duration.ofSeconds(20), () -> "CONFIRMED".equals(status(appid, member, id)));
        // A booking's order is not the counter's work: the store sees it on the appointment board, not the queue.
        Api.as(admin)
                .get("/api/store/" + s.pickupStore() + "/orders")
                .then()
                .body("items.orderNo", not(hasItem(orderNo)));

        Api.as(member)
                .body(Map.of("reason", "plans changed"))
                .post("/api/shop/" + appid + "/appointments/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        Shops.member(member)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .body("status", equalTo("CANCELLED"))
                .body("timeline.status", hasItem("REFUND_REQUESTED"));
    }

    @Test
    void aPaymentAfterTheHoldLapsedIsRefundedWhole() {
        Shop s = Shops.shop("booklate");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        long item = prepaidItem(admin);
        Bookings.person(admin, s.pickupStore(), "Ann", item, List.of("09:00-18:00"));
        String member = Consumers.memberToken(appid, "lena");
        Held held = book(appid, member, s.pickupStore(), item, tomorrowAt("11:00"));
        long id = held.id();
        String orderNo = held.orderNo();
        String schema = s.brand().tenant().schema();
        // The hold lapses (the order's own deadline has not passed yet): the place goes back.
        Sql.execute(data, "update " + schema + ".appointment set hold_expires_at = now() - interval '1 second'");
        expiry.expire(s.brand().tenant());

        String outTradeNo = Shops.member(member)
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/payment")
                .then()
                .statusCode(200)
                .extract()
                .path("outTradeNo");
        Pay.customerPays(s.brand(), outTradeNo, true);
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> "CANCELLED"
                        .equals(Shops.member(member)
                                .get("/api/shop/" + appid + "/orders/" + orderNo)
                                .then()
                                .extract()
                                .path("status")));
        Api.as(member)
                .get("/api/shop/" + appid + "/appointments/" + id)
                .then()
                .body("status", equalTo("EXPIRED"))
                .body("timeline.kind", hasItem("REFUNDED"));
    }

    @Test
    void aServedPrepaidBookingCompletesItsOrder() {
        Shop s = Shops.shop("bookserve");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        long item = prepaidItem(admin);
        Bookings.person(admin, s.pickupStore(), "Ann", item, List.of("09:00-18:00"));
        String member = Consumers.memberToken(appid, "sana");
        Held held = book(appid, member, s.pickupStore(), item, tomorrowAt("15:00"));
        long id = held.id();
        String orderNo = held.orderNo();
        Shops.pay(s.brand(), member, orderNo);
        Eventually.isTrue(Duration.ofSeconds(20), () -> "CONFIRMED".equals(status(appid, member, id)));
        // The member is here: the start is brought to now so that check-in is open.
        Sql.execute(
                data,
                "update " + s.brand().tenant().schema() + ".appointment set starts_at = now(), ends_at = now() + "
                        + "interval '1 hour' where id = " + id);
        String code = Api.as(member)
                .get("/api/shop/" + appid + "/appointments/" + id)
                .then()
                .extract()
                .path("code");
        String desk = "/api/store/" + s.pickupStore() + "/appointments";
        Api.as(admin).body(Map.of("code", code)).post(desk + "/check-in").then().statusCode(200);
        Api.as(admin).post(desk + "/" + id + "/complete").then().statusCode(200);
        Shops.member(member)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .body("status", equalTo("COMPLETED"));
    }

    private record Held(long id, String orderNo) {}

    /** Books the start; the booking is held with an order to pay. */
    private static Held book(String appid, String member, long store, long item, String startsAt) {
        var held = Bookings.book(appid, member, store, item, startsAt)
                .then()
                .statusCode(201)
                .body("status", equalTo("HELD"))
                .body("orderNo", notNullValue())
                .extract();
        return new Held(((Number) held.path("id")).longValue(), held.path("orderNo"));
    }

    private static long prepaidItem(String admin) {
        Map<String, Object> item = new HashMap<>(Bookings.item("DEEP", 60, 1, true));
        item.put("name", "Deep facial");
        item.put("priceFen", 12800);
        item.put("prepay", true);
        return Api.create(admin, "/api/hq/booking/items", item);
    }

    private static String tomorrowAt(String time) {
        return LocalDate.now(SHANGHAI)
                .plusDays(1)
                .atTime(java.time.LocalTime.parse(time))
                .atZone(SHANGHAI)
                .toInstant()
                .toString();
    }

    private static String status(String appid, String member, long id) {
        return Api.as(member)
                .get("/api/shop/" + appid + "/appointments/" + id)
                .then()
                .extract()
                .path("status");
    }
}
