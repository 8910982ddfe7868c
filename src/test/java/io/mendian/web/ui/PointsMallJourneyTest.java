package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Coupons;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The points mall from both sides: HQ lists one of its coupons for 300 points in 营销中心; a member with 500 points
 * opens the mall from the member centre, redeems it, and finds 200 points left and the coupon in their wallet.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class PointsMallJourneyTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void hqListsACouponForPointsAndAMemberRedeemsIt() {
        Shop s = Shops.shop("mallui");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        Map<String, Object> coupon = new HashMap<>(Coupons.coupon("积分专享8元券", 800, 0, 100));
        coupon.put("claimable", false);
        Api.create(admin, "/api/hq/promotions/coupons", coupon);

        Page page = browser.page();
        page.navigate(console + "#/marketing");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        assertThat(page.locator("[data-test=mall-items]")).containsText("积分商城还是空的");
        page.locator("[data-test=new-mall-item]").click();
        page.locator("input[data-test=mall-name]").fill("300积分换8元券");
        page.locator("[data-test=mall-coupon]").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("积分专享8元券 · ¥8.00"))
                .click();
        page.locator("[data-test=mall-points] input").fill("300");
        page.locator("[data-test=save-mall-item]").click();
        assertThat(page.locator("[data-test=mall-items]")).containsText("300积分换8元券");
        assertThat(page.locator("[data-test=mall-items]")).containsText("兑换中");
        Browser.assertAccessible(page);

        String token = Consumers.memberToken(appid, "mia");
        Api.as(admin)
                .body(Map.of("delta", 500, "reason", "welcome"))
                .post("/api/hq/members/" + Consumers.memberId(appid, token) + "/points/adjustments")
                .then()
                .statusCode(200);
        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "mia", "/me");
        phone.locator("[data-test=open-mall]").click();
        assertThat(phone.locator("[data-test=mall-balance]")).containsText("500");
        assertThat(phone.locator("[data-test=mall-items]")).containsText("300 积分");
        Browser.assertAccessible(phone);
        phone.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("兑换").setExact(true))
                .click();
        phone.locator("[data-test=mall-confirm]").click();
        assertThat(phone.locator("[data-test=mall-balance]")).containsText("200");
        assertThat(phone.locator("[data-test=mall-items]")).containsText("已达兑换上限");
        Browser.screenshot(phone, "shop-points-mall");
        Shops.member(token)
                .get("/api/shop/" + appid + "/me/coupons")
                .then()
                .body("items[0].name", org.hamcrest.Matchers.equalTo("积分专享8元券"));
    }
}
