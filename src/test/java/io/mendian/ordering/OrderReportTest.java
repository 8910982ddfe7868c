package io.mendian.ordering;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OrderReportTest {

    @Test
    void theDayReportCountsPaidOrdersOnlyPerStoreAndPerHour() {
        Shop s = Shops.shop("report");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String kim = Consumers.memberToken(appid, "kim");
        Shops.put(appid, kim, s.pickupStore(), s.tea(), 2);
        String paid = Shops.checkoutPickup(appid, kim, s.pickupStore());
        Shops.pay(s.brand(), kim, paid);
        Shops.put(appid, kim, s.pickupStore(), s.cake(), 1);
        Shops.checkoutPickup(appid, kim, s.pickupStore()); // placed, never paid: not a sale

        var store = Api.as(admin)
                .get("/api/store/" + s.pickupStore() + "/reports/day")
                .then()
                .statusCode(200)
                .body("placed", equalTo(2))
                .body("paid", equalTo(1))
                .body("salesFen", equalTo(3600))
                .body("averageFen", equalTo(3600))
                .body("byStatus.PENDING_PAYMENT", equalTo(1))
                .body("paidByMode.PICKUP", equalTo(1))
                .body("paidByHour", hasSize(24))
                .body("topProducts[0].productName", equalTo("Oolong Tea"))
                .body("topProducts[0].quantity", equalTo(2))
                .body("stores", hasSize(1))
                .extract()
                .jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(
                3600L,
                store.getList("salesByHourFen", Long.class).stream()
                        .mapToLong(Long::longValue)
                        .sum());

        Api.as(admin)
                .get("/api/hq/reports/day")
                .then()
                .statusCode(200)
                .body("paid", equalTo(1))
                .body("stores[0].storeId", equalTo((int) s.pickupStore()))
                .body("stores[0].salesFen", equalTo(3600));
        // Another day holds nothing; a malformed or far-away date is a clear 400.
        String yesterday =
                LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2).toString();
        Api.as(admin)
                .queryParam("date", yesterday)
                .get("/api/hq/reports/day")
                .then()
                .statusCode(200)
                .body("placed", equalTo(0))
                .body("stores", hasSize(0));
        Api.as(admin)
                .queryParam("date", "yesterday")
                .get("/api/hq/reports/day")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/invalid-date"));
        Api.as(admin)
                .queryParam("date", "2999-01-01")
                .get("/api/store/" + s.pickupStore() + "/reports/day")
                .then()
                .statusCode(400);
    }
}
