package io.mendian.membership;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.promotion.app.BirthdayCoupons;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Coupons;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Levels by growth value on real PostgreSQL, the outbox and tokens: completed orders raise a member's level, the level's
 * price and free delivery apply at checkout, a refund takes back growth, and the birthday coupon comes once a year.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class LevelsTest {

    @Inject
    DataSource data;

    @Inject
    BirthdayCoupons birthdays;

    @Test
    void growthFromCompletedOrdersRaisesTheLevelWhosePriceAndFreeDeliveryApplyAtCheckout() {
        Shop s = Shops.shop("levels");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long gift = Api.create(admin, "/api/hq/promotions/coupons", Coupons.coupon("生日券", 1000, 0, 100));
        Api.create(admin, "/api/hq/members/levels", level("普通会员", 0, 0, false, null));
        long silver = Api.create(admin, "/api/hq/members/levels", level("银卡", 20, 5, true, gift));
        Api.as(admin)
                .body(level("重复", 20, 1, false, null))
                .post("/api/hq/members/levels")
                .then()
                .statusCode(409)
                .body("type", endsWith("level-threshold-taken"));
        Api.as(admin)
                .body(level("太多", 30, 31, false, null))
                .post("/api/hq/members/levels")
                .then()
                .statusCode(400);

        String ann = Consumers.memberToken(appid, "ann");
        Shops.member(ann)
                .get("/api/shop/" + appid + "/me/level")
                .then()
                .body("growth", equalTo(0))
                .body("level.name", equalTo("普通会员"))
                .body("next.name", equalTo("银卡"));
        // A cake, 25.00, completed: 25 growth, which reaches 银卡 (20).
        Shops.put(appid, ann, s.pickupStore(), s.cake(), 1);
        String first = Shops.checkoutPickup(appid, ann, s.pickupStore());
        Shops.pay(s.brand(), ann, first);
        Shops.handOver(s, ann, first);
        Eventually.holds(Duration.ofSeconds(20), () -> assertEquals(25, growth(appid, ann)));
        Shops.member(ann)
                .get("/api/shop/" + appid + "/me/level")
                .then()
                .body("level.name", equalTo("银卡"))
                .body("level.discountPercent", equalTo(5));
        Api.as(admin).get("/api/hq/members/levels").then().body("find { it.id == " + silver + " }.members", equalTo(1));

        // 银卡 takes 5 % off: a tea of 18.00 costs 17.10, and same-city delivery is free.
        Shops.put(appid, ann, s.deliveryStore(), s.tea(), 1);
        Shops.member(ann)
                .body(Map.of("orders", List.of(Shops.delivery(s.deliveryStore(), "31.2310"))))
                .post("/api/shop/" + appid + "/checkout/quote")
                .then()
                .statusCode(200)
                .body("[0].feeFen", equalTo(0))
                .body("[0].pricing.discounts[0].label", containsString("9.5折"))
                .body("[0].pricing.cashFen", equalTo(1710));

        // HQ refunds 10.00 of the first order: the 10 growth it earned go back, and ann is 普通会员 again.
        Api.as(admin)
                .body(Map.of("amountFen", 1000, "reason", "少了一块"))
                .post("/api/hq/orders/" + first + "/refunds")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        Eventually.holds(Duration.ofSeconds(30), () -> assertEquals(15, growth(appid, ann)));
        Shops.member(ann).get("/api/shop/" + appid + "/me/level").then().body("level.name", equalTo("普通会员"));
        String schema = s.brand().tenant().schema();
        assertEquals(
                0,
                Sql.scalar(
                        data,
                        "select count(*) from " + schema
                                + ".member m where m.growth <> (select coalesce(sum(delta), 0) " + "from " + schema
                                + ".growth_ledger g where g.member_id = m.id)"),
                "every member's growth equals the sum of its ledger");
    }

    @Test
    void theBirthdayCouponComesOnceAYearAndTheBirthdayIsSetOnce() {
        Shop s = Shops.shop("birthday");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long gift = Api.create(admin, "/api/hq/promotions/coupons", Coupons.coupon("生日快乐券", 1000, 0, 100));
        Api.create(admin, "/api/hq/members/levels", level("会员", 0, 0, false, gift));
        String bea = Consumers.memberToken(appid, "bea");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String monthDay = today.format(DateTimeFormatter.ofPattern("MM-dd"));
        Shops.member(bea)
                .body(Map.of("birthday", monthDay))
                .put("/api/shop/" + appid + "/me/birthday")
                .then()
                .statusCode(200)
                .body("birthday", equalTo(monthDay));
        Shops.member(bea)
                .body(Map.of("birthday", "01-01"))
                .put("/api/shop/" + appid + "/me/birthday")
                .then()
                .statusCode(409)
                .body("type", endsWith("birthday-set"));
        Shops.member(Consumers.memberToken(appid, "cai"))
                .body(Map.of("birthday", "13-40"))
                .put("/api/shop/" + appid + "/me/birthday")
                .then()
                .statusCode(400);

        assertEquals(1, birthdays.give(s.brand().tenant(), today));
        assertEquals(0, birthdays.give(s.brand().tenant(), today), "once a year");
        Shops.member(bea)
                .get("/api/shop/" + appid + "/me/coupons")
                .then()
                .body("total", equalTo(1))
                .body("items[0].name", equalTo("生日快乐券"));
        // Next year it comes again, though the template allows one per member: the yearly ledger decides.
        assertEquals(1, birthdays.give(s.brand().tenant(), today.plusYears(1)));
    }

    private static Map<String, Object> level(String name, long min, int discount, boolean free, Long birthday) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("minGrowth", min);
        body.put("discountPercent", discount);
        body.put("freeDelivery", free);
        body.put("birthdayTemplateId", birthday);
        return body;
    }

    private static long growth(String appid, String token) {
        return ((Number) Shops.member(token)
                        .get("/api/shop/" + appid + "/me/level")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("growth"))
                .longValue();
    }
}
