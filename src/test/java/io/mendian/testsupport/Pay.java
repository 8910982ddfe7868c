package io.mendian.testsupport;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.mendian.testsupport.Brands.Brand;
import io.restassured.http.ContentType;

/** WeChat Pay in tests: a brand's sub-merchant account opened through the sandbox, and callbacks as WeChat signs them. */
public final class Pay {

    private Pay() {}

    /** A valid applyment form. */
    public static Map<String, Object> application() {
        return Map.of(
                "companyName", "门店测试餐饮有限公司",
                "licenseNumber", "91310000MA1K000000",
                "merchantShortname", "门店测试",
                "contactName", "张三",
                "contactPhone", "13800000000",
                "accountName", "门店测试餐饮有限公司",
                "accountBank", "招商银行",
                "accountNumber", "6225880000000000");
    }

    /** HQ applies and the sandbox's review finishes: the brand can take payments. */
    public static void activate(Brand brand) {
        given().auth()
                .oauth2(brand.adminToken())
                .contentType(ContentType.JSON)
                .body(application())
                .post("/api/hq/payment/sub-merchant/applyment")
                .then()
                .statusCode(200);
        Eventually.isTrue(
                Duration.ofSeconds(30),
                () -> Boolean.TRUE.equals(given().auth()
                        .oauth2(brand.adminToken())
                        .get("/api/hq/payment/sub-merchant")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("canTakePayments")));
    }

    /** The brand's sub_mchid (merchant order numbers are unique per sub-merchant only). */
    public static String subMchid(Brand brand) {
        return given().auth()
                .oauth2(brand.adminToken())
                .get("/api/hq/payment/sub-merchant")
                .then()
                .statusCode(200)
                .extract()
                .path("subMchid");
    }

    /** The customer pays in the sandbox; without its callback when {@code notify} is false. */
    public static void customerPays(Brand brand, String outTradeNo, boolean notify) {
        given().queryParam("sub_mchid", subMchid(brand))
                .queryParam("notify", notify)
                .post("/sandbox/wechat/pay/test/transactions/" + outTradeNo + "/pay")
                .then()
                .statusCode(200);
    }

    /** Signs a callback body as WeChat Pay's platform key does, at the given epoch second. */
    public static String sign(String timestamp, String nonce, String body) throws Exception {
        String key =
                ConfigProvider.getConfig().getValue("mendian.wechat.sandbox.pay.platform-private-key", String.class);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key))));
        signer.update((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }
}
