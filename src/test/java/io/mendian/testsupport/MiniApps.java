package io.mendian.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.mendian.testsupport.Brands.Brand;

/** A brand's mini-program authorized to the platform through the WeChat sandbox. */
public final class MiniApps {

    private MiniApps() {}

    /** The user taps "allow" once for the template in wx.requestSubscribeMessage: one message may reach them. */
    public static void allowMessages(String appid, String user, String template) {
        given().queryParam("user", user)
                .queryParam("template", template)
                .post("/sandbox/wechat/open/test/apps/" + appid + "/subscriptions")
                .then()
                .statusCode(200);
    }

    /** The subscription messages the user received, newest first. */
    public static io.restassured.response.ValidatableResponse messages(String appid, String user) {
        return given().queryParam("user", user)
                .get("/sandbox/wechat/open/test/apps/" + appid + "/messages")
                .then()
                .statusCode(200);
    }

    /** An appid no test has used. */
    public static String freshAppid() {
        return String.format("wx%016x", System.nanoTime() & 0xffffffffffffL);
    }

    /** HQ asks for the link, the administrator approves (the sandbox approves at once) and the browser comes back. */
    public static void authorize(Brand brand, String appid) {
        given().post("/sandbox/wechat/open/test/tickets").then().statusCode(200);
        String url = Api.as(brand.adminToken())
                .post("/api/hq/miniapp/authorization")
                .then()
                .statusCode(200)
                .extract()
                .path("authorizationUrl");
        given().urlEncodingEnabled(false)
                .redirects()
                .follow(true)
                .get(url + "&biz_appid=" + appid)
                .then()
                .statusCode(200)
                .body(containsString(appid));
    }
}
