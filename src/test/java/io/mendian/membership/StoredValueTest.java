package io.mendian.membership;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/**
 * Stored value on real PostgreSQL, tokens and the WeChat Pay sandbox: a top-up paid through WeChat Pay credits the paid
 * amount and the gift apart, once; checkout spends both in proportion; a cancelled order gives back exactly what it
 * took; the balance always equals its ledger.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class StoredValueTest {

    @Inject
    DataSource data;

    @Test
    void aPaidTopUpCreditsPrincipalAndGiftOnceAndOrdersSpendAndReturnThemInProportion() {
        Shop s = Shops.shop("wallet");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        Api.as(admin)
                .body(plan("充500送600", 50_000, 60_000))
                .post("/api/hq/members/topup-plans")
                .then()
                .statusCode(422)
                .body("type", endsWith("gift-too-large"));
        long plan = Api.create(admin, "/api/hq/members/topup-plans", plan("充500送50", 50_000, 5_000));
        String ada = Consumers.memberToken(appid, "ada");
        String topup = Shops.member(ada)
                .header("Idempotency-Key", "topup-" + UUID.randomUUID())
                .body(Map.of("planId", plan))
                .post("/api/shop/" + appid + "/topups")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("payFen", equalTo(50_000))
                .extract()
                .path("topupNo");
        // An order's payment path does not pay a top-up, and a top-up's does not pay an order.
        Shops.member(ada)
                .post("/api/shop/" + appid + "/orders/" + topup + "/payment")
                .then()
                .statusCode(404);
        String outTradeNo = Shops.member(ada)
                .post("/api/shop/" + appid + "/topups/" + topup + "/payment")
                .then()
                .statusCode(200)
                .body("amountFen", equalTo(50_000))
                .extract()
                .path("outTradeNo");
        Pay.customerPays(s.brand(), outTradeNo, true);
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> "PAID"
                        .equals(Shops.member(ada)
                                .get("/api/shop/" + appid + "/topups/" + topup)
                                .then()
                                .extract()
                                .path("status")));
        wallet(appid, ada).body("balanceFen", equalTo(55_000)).body("giftFen", equalTo(5_000));

        // A tea, 18.00, paid entirely from stored value: paid at once, principal and gift in proportion (1 : 0.1).
        Shops.put(appid, ada, s.pickupStore(), s.tea(), 1);
        String orderNo = Shops.member(ada)
                .header("Idempotency-Key", "sv-" + UUID.randomUUID())
                .body(withStoredValue(s.pickupStore(), 1800))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .body("[0].status", equalTo("PAID"))
                .body("[0].totalFen", equalTo(0))
                .body("[0].adjustments.find { it.kind == 'STORED_VALUE' }.amountFen", equalTo(-1800))
                .extract()
                .path("[0].orderNo");
        wallet(appid, ada)
                .body("balanceFen", equalTo(53_200))
                .body("giftFen", equalTo(5_000 - 163))
                .body("ledger[0].kind", equalTo("SPEND"));
        Shops.member(ada)
                .post("/api/shop/" + appid + "/orders/" + orderNo + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        wallet(appid, ada)
                .body("balanceFen", equalTo(55_000))
                .body("principalFen", equalTo(50_000))
                .body("giftFen", equalTo(5_000))
                .body("ledger[0].kind", equalTo("RETURN"));

        // Part stored value, part WeChat Pay; the store rejects it: the cash is refunded and the stored value returns.
        Shops.put(appid, ada, s.pickupStore(), s.cake(), 1);
        String mixed = Shops.member(ada)
                .header("Idempotency-Key", "sv-" + UUID.randomUUID())
                .body(withStoredValue(s.pickupStore(), 1000))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .body("[0].totalFen", equalTo(1500))
                .extract()
                .path("[0].orderNo");
        Shops.pay(s.brand(), ada, mixed);
        wallet(appid, ada).body("balanceFen", equalTo(54_000));
        Api.as(admin)
                .body(Map.of("reason", "售罄"))
                .post("/api/store/" + s.pickupStore() + "/orders/" + mixed + "/reject")
                .then()
                .statusCode(200);
        wallet(appid, ada).body("balanceFen", equalTo(55_000)).body("giftFen", equalTo(5_000));

        // More than the balance is refused before anything is written.
        Shops.put(appid, ada, s.pickupStore(), s.tea(), 1);
        Shops.member(ada)
                .header("Idempotency-Key", "sv-" + UUID.randomUUID())
                .body(withStoredValue(s.pickupStore(), 60_000))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(409)
                .body("type", endsWith("insufficient-balance"));
        // At the counter a manager adds 100.00 paid in cash against the member's code; the code changes it once.
        String code = Shops.member(ada)
                .get("/api/shop/" + appid + "/me/code")
                .then()
                .extract()
                .path("code");
        Map<String, Object> cash = Map.of("code", code, "deltaFen", 10_000, "reason", "现金充值");
        String receipt = Api.as(admin)
                .body(cash)
                .post("/api/store/" + s.pickupStore() + "/members/stored-value")
                .then()
                .statusCode(201)
                .body("balanceAfter", equalTo(65_000))
                .extract()
                .path("receiptNo");
        // The receipt is numbered by its ledger entry, so two counters never print the same number.
        assertEquals(
                receipt,
                "S"
                        + Sql.scalar(
                                data,
                                "select max(id) from " + s.brand().tenant().schema()
                                        + ".stored_value_ledger where kind = 'ADJUST'"));
        Api.as(admin)
                .body(cash)
                .post("/api/store/" + s.pickupStore() + "/members/stored-value")
                .then()
                .statusCode(409)
                .body("type", endsWith("member-code-used"));
        wallet(appid, ada).body("principalFen", equalTo(60_000)).body("giftFen", equalTo(5_000));
        String schema = s.brand().tenant().schema();
        assertEquals(
                0,
                Sql.scalar(
                        data,
                        "select count(*) from " + schema + ".stored_value_account a where (a.principal_fen, a.gift_fen)"
                                + " <> (select coalesce(sum(principal_delta), 0), coalesce(sum(gift_delta), 0) from "
                                + schema + ".stored_value_ledger l where l.member_id = a.member_id)"),
                "every balance equals its ledger");
        Api.as(admin).get("/api/hq/members/topup-plans").then().body("find { it.id == " + plan + " }.sold", equalTo(1));
    }

    private static Map<String, Object> plan(String name, long pay, long gift) {
        return Map.of("name", name, "payFen", pay, "giftFen", gift);
    }

    private static Map<String, Object> withStoredValue(long store, long fen) {
        Map<String, Object> part = new HashMap<>(Shops.pickup(store));
        part.put("storedValueFen", fen);
        return Map.of("orders", List.of(part));
    }

    private static io.restassured.response.ValidatableResponse wallet(String appid, String token) {
        return Shops.member(token)
                .get("/api/shop/" + appid + "/me/wallet")
                .then()
                .statusCode(200);
    }
}
