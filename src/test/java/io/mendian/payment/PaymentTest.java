package io.mendian.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.ordering.app.OrderExpiry;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class PaymentTest {

    @Inject
    DataSource data;

    @Inject
    OrderExpiry expiry;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "mendian.wechat.sandbox.pay.merchant-public-key")
    String merchantPublicKey;

    @ConfigProperty(name = "mendian.pay.api-v3-key")
    String apiV3Key;

    @ConfigProperty(name = "mendian.pay.platform-public-key-id")
    String platformKeyId;

    private static Response startPayment(String appid, String token, String orderNo) {
        return Shops.member(token).post("/api/shop/" + appid + "/orders/" + orderNo + "/payment");
    }

    private static String status(String appid, String token, String orderNo) {
        return Shops.member(token)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    private static Response post(Map<String, String> headers, String url, String body) {
        return given().headers(headers).contentType(ContentType.JSON).body(body).post(url);
    }

    @Test
    void aMemberPaysInTheSandboxAndTheOrderIsPaidOnceWhateverTheCallbacksDo() throws Exception {
        Shop s = Shops.shop("paid");
        String appid = s.brand().appid();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.put(appid, eve, s.pickupStore(), s.tea(), 2);
        String orderNo = Shops.checkoutPickup(appid, eve, s.pickupStore());

        Map<String, Object> params = startPayment(appid, eve, orderNo)
                .then()
                .statusCode(200)
                .body("appId", equalTo(appid))
                .body("package", startsWith("prepay_id="))
                .body("signType", equalTo("RSA"))
                .body("amountFen", equalTo(3600))
                .extract()
                .path("");
        // The mini-program's wx.requestPayment signature verifies with the merchant's public key.
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(merchantPublicKey))));
        verifier.update((appid + "\n" + params.get("timeStamp") + "\n" + params.get("nonceStr") + "\n"
                        + params.get("package") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode((String) params.get("paySign"))));
        // Asking again resumes the same WeChat Pay transaction.
        startPayment(appid, eve, orderNo)
                .then()
                .statusCode(200)
                .body("package", equalTo(params.get("package")))
                .body("outTradeNo", equalTo(params.get("outTradeNo")));
        // Another member cannot pay (or see) it.
        startPayment(appid, Consumers.memberToken(appid, "mallory"), orderNo)
                .then()
                .statusCode(404);

        String outTradeNo = (String) params.get("outTradeNo");
        Pay.customerPays(s.brand(), outTradeNo, true);
        Eventually.isTrue(Duration.ofSeconds(20), () -> "PAID".equals(status(appid, eve, orderNo)));
        Shops.member(eve)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .body("timeline.status", hasItem("PAID"));
        Shops.member(eve)
                .get("/api/shop/" + appid + "/orders/" + orderNo + "/payment")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"));
        startPayment(appid, eve, orderNo)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/not-payable"));

        // The callback WeChat Pay delivered, sent again twice at once (as WeChat's retries and a network might).
        List<Map<String, Object>> deliveries = given().queryParam("sub_mchid", Pay.subMchid(s.brand()))
                .get("/sandbox/wechat/pay/test/notifications/" + outTradeNo)
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertTrue(deliveries.stream().anyMatch(d -> ((Number) d.get("status")).intValue() / 100 == 2));
        Map<String, Object> delivery = deliveries.get(deliveries.size() - 1);
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) delivery.get("headers");
        String url = (String) delivery.get("url");
        String body = (String) delivery.get("body");
        List<CompletableFuture<Integer>> replays = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replays.add(
                    CompletableFuture.supplyAsync(() -> post(headers, url, body).statusCode()));
        }
        for (CompletableFuture<Integer> replay : replays) {
            assertEquals(204, replay.get());
        }
        String schema = s.brand().tenant().schema();
        assertEquals(1, Sql.scalar(data, "select count(*) from " + schema + ".order_event where status = 'PAID'"));
        assertEquals(1, Sql.scalar(data, "select count(*) from " + schema + ".payment where status = 'PAID'"));
        assertEquals(
                1,
                Sql.scalar(
                        data,
                        "select count(*) from platform.outbox where tenant_id = '"
                                + s.brand().slug() + "' and type = 'UsageChanged' and payload->>'metric' = 'ORDERS'"),
                "one paid transition, one event");

        // Forged: another signature, or the body changed under WeChat's signature.
        Map<String, String> forged = new java.util.HashMap<>(headers);
        forged.put("Wechatpay-Signature", Base64.getEncoder().encodeToString(new byte[256]));
        post(forged, url, body).then().statusCode(401);
        post(headers, url, body.replace("\"nonce\"", "\"nonce\" ")).then().statusCode(401);
        // A callback signed ten minutes ago is a replay, even with WeChat Pay's real signature.
        String old = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
        Map<String, String> replayed = new java.util.HashMap<>(headers);
        replayed.put("Wechatpay-Timestamp", old);
        replayed.put("Wechatpay-Signature", Pay.sign(old, headers.get("Wechatpay-Nonce"), body));
        post(replayed, url, body).then().statusCode(401);
        assertEquals(1, Sql.scalar(data, "select count(*) from " + schema + ".order_event where status = 'PAID'"));
    }

    @Test
    void aTransactionOfAnotherSubMerchantIsRefusedAndChangesNothing() throws Exception {
        Shop s = Shops.shop("foreign");
        String appid = s.brand().appid();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.put(appid, eve, s.pickupStore(), s.tea(), 1);
        String orderNo = Shops.checkoutPickup(appid, eve, s.pickupStore());
        String outTradeNo = startPayment(appid, eve, orderNo)
                .then()
                .statusCode(200)
                .extract()
                .path("outTradeNo");

        // Correctly sealed and signed by WeChat Pay, but the transaction is another sub-merchant's.
        Map<String, Object> transaction = Map.of(
                "sp_appid", "wx00000000000000p1",
                "sp_mchid", "1900000001",
                "sub_appid", appid,
                "sub_mchid", "1699999999",
                "out_trade_no", outTradeNo,
                "transaction_id", "4200000000000000000000000001",
                "trade_type", "JSAPI",
                "trade_state", "SUCCESS",
                "success_time", "2026-12-03T10:00:00+08:00",
                "amount", Map.of("total", 1800, "payer_total", 1800, "currency", "CNY", "payer_currency", "CNY"));
        String nonce = "ABCDEFGHIJKL";
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        cipher.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
        String ciphertext = Base64.getEncoder().encodeToString(cipher.doFinal(json.writeValueAsBytes(transaction)));
        String body = json.writeValueAsString(Map.of(
                "id", "EV-foreign",
                "create_time", "2026-12-03T10:00:00+08:00",
                "resource_type", "encrypt-resource",
                "event_type", "TRANSACTION.SUCCESS",
                "summary", "支付成功",
                "resource",
                        Map.of(
                                "original_type", "transaction",
                                "algorithm", "AEAD_AES_256_GCM",
                                "ciphertext", ciphertext,
                                "associated_data", "transaction",
                                "nonce", nonce)));
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String headerNonce = "N" + System.nanoTime();
        Map<String, String> headers = Map.of(
                "Wechatpay-Timestamp", timestamp,
                "Wechatpay-Nonce", headerNonce,
                "Wechatpay-Signature", Pay.sign(timestamp, headerNonce, body),
                "Wechatpay-Serial", platformKeyId,
                "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        post(headers, "/api/wechat/pay/notify/" + s.brand().slug() + "/transaction", body)
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/foreign-transaction"));
        // Unknown brands and garbage answer clear 4xx, not 5xx.
        post(headers, "/api/wechat/pay/notify/no-such-brand/transaction", body)
                .then()
                .statusCode(404);
        post(Map.of(), "/api/wechat/pay/notify/" + s.brand().slug() + "/transaction", "{}")
                .then()
                .statusCode(401);
        assertEquals("PENDING_PAYMENT", status(appid, eve, orderNo));
        assertEquals(
                0,
                Sql.scalar(
                        data,
                        "select count(*) from " + s.brand().tenant().schema() + ".payment where status = 'PAID'"));
    }

    @Test
    void aLostCallbackIsFoundByAskingWeChatPay() throws Exception {
        Shop s = Shops.shop("lost");
        String appid = s.brand().appid();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.put(appid, eve, s.pickupStore(), s.cake(), 1);
        String orderNo = Shops.checkoutPickup(appid, eve, s.pickupStore());
        String outTradeNo = startPayment(appid, eve, orderNo)
                .then()
                .statusCode(200)
                .extract()
                .path("outTradeNo");
        Pay.customerPays(s.brand(), outTradeNo, false);
        Thread.sleep(500);
        assertEquals("PENDING_PAYMENT", status(appid, eve, orderNo), "no callback came");
        Shops.member(eve)
                .get("/api/shop/" + appid + "/orders/" + orderNo + "/payment")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .body("transactionId", startsWith("42000"));
        assertEquals("PAID", status(appid, eve, orderNo));
    }

    @Test
    void anUnpaidOrderIsClosedAtWeChatPayBeforeItExpiresAndAPaidOneIsNeverExpired() throws Exception {
        Shop s = Shops.shop("closing");
        String appid = s.brand().appid();
        String schema = s.brand().tenant().schema();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.put(appid, eve, s.pickupStore(), s.tea(), 1);
        String unpaid = Shops.checkoutPickup(appid, eve, s.pickupStore());
        String unpaidTrade = startPayment(appid, eve, unpaid)
                .then()
                .statusCode(200)
                .extract()
                .path("outTradeNo");
        Shops.put(appid, eve, s.pickupStore(), s.cake(), 1);
        String paid = Shops.checkoutPickup(appid, eve, s.pickupStore());
        String paidTrade =
                startPayment(appid, eve, paid).then().statusCode(200).extract().path("outTradeNo");
        // The customer paid the second, but its callback is lost; then both deadlines pass.
        Pay.customerPays(s.brand(), paidTrade, false);
        Sql.execute(
                data,
                "update " + schema + ".customer_order set pay_by = now() - interval '1 second' where order_no in ('"
                        + unpaid + "', '" + paid + "')");
        expiry.expire(s.brand().tenant());

        assertEquals("EXPIRED", status(appid, eve, unpaid));
        assertEquals("PAID", status(appid, eve, paid), "the expiry asked WeChat Pay first and found it paid");
        assertEquals(1, Sql.scalar(data, "select count(*) from " + schema + ".payment where status = 'CLOSED'"));
        // The closed transaction can no longer be paid: nobody pays for stock that went back on the shelf.
        given().queryParam("sub_mchid", Pay.subMchid(s.brand()))
                .post("/sandbox/wechat/pay/test/transactions/" + unpaidTrade + "/pay")
                .then()
                .statusCode(400)
                .body("code", equalTo("ORDER_CLOSED"));
    }

    @Test
    void checkoutWaitsForTheBrandsSubMerchantAccount() {
        Brand brand = Brands.anActiveBrand("unpaid");
        String admin = brand.adminToken();
        given().auth()
                .oauth2(admin)
                .get("/api/hq/payment/sub-merchant")
                .then()
                .statusCode(200)
                .body("state", equalTo("NOT_APPLIED"))
                .body("canTakePayments", equalTo(false));
        String appid = brand.appid();
        String eve = Consumers.memberToken(appid, "eve");
        Shops.member(eve)
                .header("Idempotency-Key", "k-" + java.util.UUID.randomUUID())
                .body(Map.of("orders", List.of(Shops.pickup(1))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/payments-not-ready"));

        Map<String, Object> bad = new java.util.HashMap<>(Pay.application());
        bad.put("accountNumber", "12ab");
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(bad)
                .post("/api/hq/payment/sub-merchant/applyment")
                .then()
                .statusCode(400);
        Pay.activate(brand);
        given().auth()
                .oauth2(admin)
                .get("/api/hq/payment/sub-merchant")
                .then()
                .body("state", equalTo("ACTIVE"))
                .body("subMchid", startsWith("16"));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Pay.application())
                .post("/api/hq/payment/sub-merchant/applyment")
                .then()
                .statusCode(409);
    }

    @Test
    void hqPaysItsSaasInvoiceByScanningAWeChatPayCodeAndItIsRecordedOnce() {
        Brand brand = Brands.anActiveBrand("invoice", "pro");
        String admin = brand.adminToken();
        io.mendian.testsupport.Api.as(admin)
                .post("/api/hq/subscription/activation")
                .then()
                .statusCode(200);
        int invoice = given().auth()
                .oauth2(admin)
                .get("/api/hq/invoices")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].id");
        String pay = "/api/hq/invoices/" + invoice + "/wechat-pay";
        Map<String, Object> qr = io.mendian.testsupport.Api.as(admin)
                .post(pay)
                .then()
                .statusCode(200)
                .body("codeUrl", startsWith("weixin://wxpay/bizpayurl?pr="))
                .extract()
                .path("");
        io.mendian.testsupport.Api.as(admin)
                .post(pay)
                .then()
                .statusCode(200)
                .body("codeUrl", equalTo(qr.get("codeUrl")));
        given().post("/sandbox/wechat/pay/test/transactions/" + qr.get("outTradeNo") + "/pay")
                .then()
                .statusCode(200);
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> "PAID"
                        .equals(given().auth()
                                .oauth2(admin)
                                .get("/api/hq/invoices/" + invoice)
                                .then()
                                .extract()
                                .path("status")));
        // The callback again: still one payment.
        List<Map<String, Object>> deliveries = given().get(
                        "/sandbox/wechat/pay/test/notifications/" + qr.get("outTradeNo"))
                .then()
                .extract()
                .path("");
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) deliveries.get(0).get("headers");
        post(headers, (String) deliveries.get(0).get("url"), (String)
                        deliveries.get(0).get("body"))
                .then()
                .statusCode(204);
        assertEquals(
                1,
                Sql.scalar(data, "select count(*) from platform.invoice_payment where invoice_id = " + invoice),
                "one payment for the invoice");
        io.mendian.testsupport.Api.as(admin).post(pay).then().statusCode(409);
    }
}
