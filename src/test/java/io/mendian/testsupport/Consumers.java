package io.mendian.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;

/** Members signing in from a brand's mini-program, through the WeChat sandbox's wx.login(). */
public final class Consumers {

    private Consumers() {}

    /** An access token of the brand's member who is this WeChat user (created on first sign-in). */
    public static String memberToken(String appid, String user) {
        given().post("/sandbox/wechat/open/test/tickets").then().statusCode(200);
        String code = given().queryParam("user", user)
                .post("/sandbox/wechat/open/test/apps/" + appid + "/js-codes")
                .then()
                .statusCode(200)
                .extract()
                .path("code");
        return given().contentType(ContentType.JSON)
                .body(Map.of("code", code))
                .post("/api/shop/" + appid + "/session")
                .then()
                .statusCode(201)
                .extract()
                .path("accessToken");
    }

    /** The member id behind a member's token. */
    public static long memberId(String appid, String token) {
        return ((Number) given().auth()
                        .oauth2(token)
                        .get("/api/shop/" + appid + "/me")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("id"))
                .longValue();
    }
}
