package io.mendian.membership;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class ShopSessionTest {

    @BeforeEach
    void ticket() {
        given().post("/sandbox/wechat/open/test/tickets").then().statusCode(200);
    }

    /** What wx.login() returns in the brand's mini-program for this WeChat user. */
    static String wxLogin(String appid, String user) {
        return given().queryParam("user", user)
                .post("/sandbox/wechat/open/test/apps/" + appid + "/js-codes")
                .then()
                .statusCode(200)
                .extract()
                .path("code");
    }

    static JsonPath login(String appid, String code, int status) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("code", code))
                .post("/api/shop/" + appid + "/session")
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    @Test
    void aWeChatUserSignsInWithAOneTimeCodeAndStaysOneMemberOfTheBrand() {
        Brand brand = Brands.anActiveBrand("login");
        String appid = brand.appid();
        String code = wxLogin(appid, "alice");
        JsonPath first = login(appid, code, 201);
        assertEquals(true, first.getBoolean("newMember"));
        String body = first.prettify();
        for (String secret : new String[] {"openid", "session_key", "sessionKey", "unionid"}) {
            org.junit.jupiter.api.Assertions.assertFalse(body.contains(secret), "no " + secret + " leaves the server");
        }
        given().auth()
                .oauth2(first.getString("accessToken"))
                .get("/api/shop/" + appid + "/me")
                .then()
                .statusCode(200)
                .body("id", equalTo(first.getInt("memberId")))
                .body("status", equalTo("ACTIVE"));

        assertEquals(
                "https://mendian.io/problems/login-code-used",
                login(appid, code, 400).getString("type"));
        assertEquals(
                "https://mendian.io/problems/invalid-login-code",
                login(appid, "0nosuchcode", 400).getString("type"));

        JsonPath again = login(appid, wxLogin(appid, "alice"), 201);
        assertEquals(first.getLong("memberId"), again.getLong("memberId"));
        assertEquals(false, again.getBoolean("newMember"));
        JsonPath bob = login(appid, wxLogin(appid, "bob"), 201);
        assertNotEquals(first.getLong("memberId"), bob.getLong("memberId"));
    }

    @Test
    void aRefreshTokenWorksOnceAndAReplayedOneSignsTheWholeSessionOut() {
        Brand brand = Brands.anActiveBrand("refresh");
        String appid = brand.appid();
        JsonPath session = login(appid, wxLogin(appid, "carol"), 201);
        String refresh = session.getString("refreshToken");
        JsonPath next = given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refresh))
                .post("/api/shop/" + appid + "/session/refresh")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertNotEquals(refresh, next.getString("refreshToken"));
        // The old token again: it leaked, so the family ends, including the token just issued.
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refresh))
                .post("/api/shop/" + appid + "/session/refresh")
                .then()
                .statusCode(401)
                .body("type", equalTo("https://mendian.io/problems/invalid-refresh-token"));
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", next.getString("refreshToken")))
                .post("/api/shop/" + appid + "/session/refresh")
                .then()
                .statusCode(401);
    }

    @Test
    void aMembersTokenOpensOnlyItsOwnBrandsShopAndSigningOutEndsEverySession() {
        Brand a = Brands.anActiveBrand("member-a");
        Brand b = Brands.anActiveBrand("member-b");
        JsonPath session = login(a.appid(), wxLogin(a.appid(), "dave"), 201);
        String token = session.getString("accessToken");
        given().auth()
                .oauth2(token)
                .get("/api/shop/" + b.appid() + "/me")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/token-for-another-brand"));
        given().auth().oauth2(token).get("/api/hq/stores").then().statusCode(401);
        given().auth().oauth2(token).get("/api/store/1/stock").then().statusCode(401);
        given().auth()
                .oauth2(a.adminToken())
                .get("/api/shop/" + a.appid() + "/me")
                .then()
                .statusCode(403);
        given().get("/api/shop/" + a.appid() + "/me").then().statusCode(401);
        // Browsing stays open to the member's token (and to anyone).
        given().auth()
                .oauth2(token)
                .get("/api/shop/" + a.appid() + "/stores")
                .then()
                .statusCode(200);

        // A token of the right shape signed by someone else's key is refused.
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]);
        given().auth()
                .oauth2(tampered)
                .get("/api/shop/" + a.appid() + "/me")
                .then()
                .statusCode(401);

        given().auth()
                .oauth2(token)
                .delete("/api/shop/" + a.appid() + "/session")
                .then()
                .statusCode(204);
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", session.getString("refreshToken")))
                .post("/api/shop/" + a.appid() + "/session/refresh")
                .then()
                .statusCode(401)
                .body(not(containsString("accessToken")));
    }
}
