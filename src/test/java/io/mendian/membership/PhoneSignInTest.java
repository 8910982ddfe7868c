package io.mendian.membership;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Phones as identity on real Redis, PostgreSQL and the WeChat sandbox: H5 sign-in by SMS code (once, five minutes, one
 * a minute, five wrong tries lock the phone), the phone sealed at rest, and a new WeChat member who proves the same
 * phone merged into the H5 member, while a WeChat member with history is not.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class PhoneSignInTest {

    @Inject
    javax.sql.DataSource data;

    @Test
    void anH5ShopperSignsInWithAnSmsCodeOnceAndTheSameMemberComesBackNextTime() throws Exception {
        Shop s = Shops.shop("sms");
        String appid = s.brand().appid();
        send(appid, "138 0013 8001").statusCode(202).body("expiresInSeconds", equalTo(300));
        send(appid, "13800138001").statusCode(429).body("type", endsWith("sms-too-soon"));
        String code = lastCode("13800138001");
        var first = signIn(appid, "13800138001", code).statusCode(201).body("newMember", equalTo(true));
        long member = first.extract().jsonPath().getLong("memberId");
        signIn(appid, "13800138001", code).statusCode(400).body("type", endsWith("sms-code-expired"));
        Shops.member(first.extract().path("accessToken"))
                .get("/api/shop/" + appid + "/me")
                .then()
                .body("phone", equalTo("138****8001"));

        try (Connection c = data.getConnection();
                ResultSet r = c.createStatement()
                        .executeQuery("select phone_sealed, phone_index from "
                                + s.brand().tenant().schema() + ".member where id = " + member)) {
            assertTrue(r.next());
            assertFalse(r.getString(1).contains("13800138001"), "the phone is sealed");
            assertTrue(r.getString(1).startsWith("k"), "with its key id");
            assertEquals(32, r.getString(2).length());
        }
        // A phone of another brand is another member.
        Shop other = Shops.shop("sms2");
        send(other.brand().appid(), "13800138001").statusCode(202);
        signIn(other.brand().appid(), "13800138001", lastCode("13800138001"))
                .statusCode(201)
                .body("newMember", equalTo(true));
    }

    @Test
    void fiveWrongCodesLockThePhoneEvenAgainstTheRightCode() {
        String appid = Brands.anActiveBrand("smslock", "pro").appid();
        send(appid, "13700137002").statusCode(202);
        String code = lastCode("13700137002");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 4; i++) {
            signIn(appid, "13700137002", wrong).statusCode(400).body("attemptsLeft", equalTo(5 - i));
        }
        signIn(appid, "13700137002", wrong).statusCode(429).body("type", endsWith("sms-locked"));
        signIn(appid, "13700137002", code).statusCode(429).body("type", endsWith("sms-locked"));
        send(appid, "13700137002").statusCode(429).body("type", endsWith("sms-locked"));
        send(appid, "12345").statusCode(422).body("type", endsWith("invalid-phone"));
        signIn(appid, "13700137002", "12ab56").statusCode(400);
    }

    @Test
    void aNewWeChatMemberProvingAnH5MembersPhoneBecomesThatMemberAndOneWithHistoryDoesNot() {
        Shop s = Shops.shop("merge");
        // Phone binding asks WeChat with the mini-program's authorizer token: a mini-program authorized to the
        // platform.
        String appid = io.mendian.testsupport.MiniApps.freshAppid();
        io.mendian.testsupport.MiniApps.authorize(s.brand(), appid);
        send(appid, "13600136003").statusCode(202);
        long h5 = signIn(appid, "13600136003", lastCode("13600136003"))
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("memberId");

        String wechat = Consumers.memberToken(appid, "mia");
        long wechatMember = Consumers.memberId(appid, wechat);
        assertTrue(wechatMember != h5);
        String phoneCode = phoneCode(appid, "13600136003");
        var merged = Shops.member(wechat)
                .body(Map.of("code", phoneCode))
                .post("/api/shop/" + appid + "/me/phone")
                .then()
                .statusCode(200)
                .body("merged", equalTo(true))
                .body("phone", equalTo("136****6003"))
                .body("session.memberId", equalTo((int) h5))
                .body("session.accessToken", notNullValue());
        // The same WeChat user signing in again is now the H5 member.
        assertEquals(h5, Consumers.memberId(appid, Consumers.memberToken(appid, "mia")));
        // The code worked once.
        Shops.member(merged.extract().path("session.accessToken"))
                .body(Map.of("code", phoneCode))
                .post("/api/shop/" + appid + "/me/phone")
                .then()
                .statusCode(400)
                .body("type", endsWith("invalid-phone-code"));

        // A WeChat member with an order keeps their history: the phone is refused, not merged.
        String leo = Consumers.memberToken(appid, "leo");
        Shops.put(appid, leo, s.pickupStore(), s.tea(), 1);
        Shops.checkoutPickup(appid, leo, s.pickupStore());
        send(appid, "13500135004").statusCode(202);
        signIn(appid, "13500135004", lastCode("13500135004")).statusCode(201);
        Shops.member(leo)
                .body(Map.of("code", phoneCode(appid, "13500135004")))
                .post("/api/shop/" + appid + "/me/phone")
                .then()
                .statusCode(409)
                .body("type", endsWith("phone-taken"));
        // A phone nobody holds is simply bound.
        Shops.member(leo)
                .body(Map.of("code", phoneCode(appid, "13500135005")))
                .post("/api/shop/" + appid + "/me/phone")
                .then()
                .statusCode(200)
                .body("merged", equalTo(false));
        Shops.member(leo).get("/api/shop/" + appid + "/me").then().body("phone", equalTo("135****5005"));
    }

    private static io.restassured.response.ValidatableResponse send(String appid, String phone) {
        return RestAssured.given()
                .contentType(ContentType.JSON)
                .body(Map.of("phone", phone))
                .post("/api/shop/" + appid + "/sms-codes")
                .then();
    }

    private static io.restassured.response.ValidatableResponse signIn(String appid, String phone, String code) {
        return RestAssured.given()
                .contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "code", code))
                .post("/api/shop/" + appid + "/session/sms")
                .then();
    }

    /** The code in the newest message the sandbox phone received. */
    static String lastCode(String phone) {
        List<String> texts = RestAssured.given()
                .get("/sandbox/sms/messages?phone=" + phone)
                .then()
                .statusCode(200)
                .extract()
                .path("text");
        Matcher m = Pattern.compile("([0-9]{6})").matcher(texts.getFirst());
        assertTrue(m.find(), texts.getFirst());
        return m.group(1);
    }

    private static String phoneCode(String appid, String phone) {
        return RestAssured.given()
                .post("/sandbox/wechat/open/test/apps/" + appid + "/phone-codes?phone=" + phone)
                .then()
                .statusCode(200)
                .extract()
                .path("code");
    }
}
