package io.mendian.ordering;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.MiniApps;
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class ReadyNoticeTest {

    private static String paidOrder(Shop s, String appid, String member) {
        Shops.put(appid, member, s.pickupStore(), s.tea(), 1);
        String orderNo = Shops.checkoutPickup(appid, member, s.pickupStore());
        String outTradeNo = Shops.member(member)
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/payment")
                .then()
                .statusCode(200)
                .extract()
                .path("outTradeNo");
        Pay.customerPays(s.brand(), outTradeNo, true);
        Eventually.isTrue(Duration.ofSeconds(20), () -> "PAID".equals(status(appid, member, orderNo)));
        return orderNo;
    }

    /** A mini-program of the shop's own, authorized: its members' messages are kept apart from other tests'. */
    private static String ownMiniProgram(Shop s) {
        String appid = MiniApps.freshAppid();
        MiniApps.authorize(s.brand(), appid);
        return appid;
    }

    private static String status(String appid, String member, String orderNo) {
        return Shops.member(member)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .extract()
                .path("status");
    }

    private static boolean noticed(String appid, String member, String orderNo, String words) {
        List<Map<String, Object>> timeline = Shops.member(member)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .extract()
                .path("timeline");
        return timeline.stream()
                .anyMatch(e -> "READY_NOTICE".equals(e.get("status"))
                        && String.valueOf(e.get("note")).contains(words));
    }

    @Test
    void aReadyOrderTellsItsCustomerByWeChatMessageOnlyWhenTheyAllowedIt() {
        Shop s = Shops.shop("notice");
        String appid = ownMiniProgram(s);
        String eve = Consumers.memberToken(appid, "eve");
        String zoe = Consumers.memberToken(appid, "zoe");
        MiniApps.allowMessages(appid, "eve", "ORDER_READY_SANDBOX");
        String admin = s.brand().adminToken();
        String store = "/api/store/" + s.pickupStore() + "/orders/";
        for (String member : List.of(eve, zoe)) {
            String orderNo = paidOrder(s, appid, member);
            Api.as(admin).post(store + orderNo + "/accept").then().statusCode(200);
            Api.as(admin).post(store + orderNo + "/ready").then().statusCode(200);
            String words = member.equals(eve) ? "was told" : "has not allowed";
            Eventually.isTrue(Duration.ofSeconds(20), () -> noticed(appid, member, orderNo, words));
        }
        MiniApps.messages(appid, "eve")
                .body("", hasSize(1))
                // A cafe takes orders ahead: the number called at the counter, then the pickup code.
                .body("[0].data.character_string3.value", matchesPattern("A00[12] / [0-9]{6}"));
        MiniApps.messages(appid, "zoe").body("", hasSize(0));
    }

    @Test
    void aCustomerWhoDoesNotComeIsCalledAgainAtMostOnceAMinute() {
        Shop s = Shops.shop("callagain");
        String appid = ownMiniProgram(s);
        String max = Consumers.memberToken(appid, "max");
        for (int allowed = 0; allowed < 2; allowed++) { // one message per allowance, as WeChat's one-time messages
            MiniApps.allowMessages(appid, "max", "ORDER_READY_SANDBOX");
        }
        String admin = s.brand().adminToken();
        String store = "/api/store/" + s.pickupStore() + "/orders/";
        String orderNo = paidOrder(s, appid, max);
        // Only a ready order is called.
        Api.as(admin).post(store + orderNo + "/call").then().statusCode(409).body("type", endsWith("not-ready"));
        Api.as(admin).post(store + orderNo + "/accept").then().statusCode(200);
        Api.as(admin).post(store + orderNo + "/ready").then().statusCode(200);
        Api.as(admin).post(store + orderNo + "/call").then().statusCode(200);
        // A second tap within the minute sends nothing more.
        Api.as(admin)
                .post(store + orderNo + "/call")
                .then()
                .statusCode(409)
                .header("Retry-After", "60")
                .body("type", endsWith("called-recently"));
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> MiniApps.messages(appid, "max").extract().path("size()").equals(2));
        List<String> kinds = Shops.member(max)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .extract()
                .path("timeline.status");
        assertEquals(1, kinds.stream().filter("CALLED_AGAIN"::equals).count(), kinds.toString());
    }

    @Test
    void theStorefrontLearnsWhichMessagesToAskItsMemberToAllow() {
        Shop s = Shops.shop("templates");
        RestAssured.given()
                .get("/api/shop/" + s.brand().appid() + "/message-templates")
                .then()
                .statusCode(200)
                .body("orderReady", equalTo("ORDER_READY_SANDBOX"))
                .body("appointmentReminder", equalTo("APPOINTMENT_REMINDER_SANDBOX"))
                .body("seatOffered", equalTo("SEAT_OFFERED_SANDBOX"));
        RestAssured.given()
                .get("/api/shop/wx0000000000000000/message-templates")
                .then()
                .statusCode(404);
    }
}
