package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One membership across stores in the browser: HQ sets the points rule and gives a member points in its console; the
 * member sees them in the member centre, pays part of an order with them at checkout, and the history shows the spend.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class MemberCentreTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void hqGivesPointsAndTheMemberPaysPartOfAnOrderWithThem() {
        Shop s = Shops.shop("member");
        String appid = s.brand().appid();
        String nia = Consumers.memberToken(appid, "nia");
        long member = Consumers.memberId(appid, nia);

        Page page = browser.page();
        page.navigate(console + "#/members");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("会员"))
                .click();
        page.locator("[data-test=save-rule]").click();
        assertThat(page.locator("[data-test=points-rule]")).containsText("修改");
        page.locator("input[data-test=member-id]").fill(String.valueOf(member));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询"))
                .click();
        assertThat(page.locator("[data-test=member-balance]")).hasText("0");
        page.locator(".el-input-number input").last().fill("500");
        page.getByLabel("原因").fill("开业赠送");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("调整积分"))
                .click();
        assertThat(page.locator("[data-test=member-balance]")).hasText("500");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-members");

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "nia", "/me");
        assertThat(phone).hasURL(Pattern.compile(".*/me$"));
        assertThat(phone.locator("[data-test=points-balance]")).hasText("500");
        assertThat(phone.locator("[data-test=points-ledger]")).containsText("开业赠送");
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-member");

        Browser.teaToCheckout(phone, shop.toString(), appid, s.pickupStore());
        phone.locator("[data-test=use-points]").click();
        // 500 points pay 5.00 of the 18.00 tea (the default rule caps points at half the goods).
        assertThat(phone.locator("[data-test=points-paid]")).containsText("−¥5.00");
        assertThat(phone.locator("[data-test=to-pay]")).containsText("¥13.00");
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-checkout-points");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交并支付"))
                .click();
        phone.locator("[data-test=sandbox-pay]").click();
        assertThat(phone.locator("[data-test=order-status]")).hasText("已支付，等待门店接单");
        Shops.member(nia)
                .get("/api/shop/" + appid + "/me/points")
                .then()
                .body("balance", equalTo(0))
                .body("ledger.items[0].kind", equalTo("SPEND"));
        Api.as(s.brand().adminToken())
                .get("/api/hq/members/" + member + "/points")
                .then()
                .body("ledger.items.kind", org.hamcrest.Matchers.hasItems("SPEND", "ADJUST"));
    }
}
