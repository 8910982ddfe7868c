package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.GroupBuys;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A group buy from both sides: HQ starts a two-person group buy in its marketing centre; a shopper opens a team from
 * the store page and pays, sees the team waiting for one more with its countdown and invite button; a friend joins
 * through the team and pays; the shopper's team page says it formed, and HQ counts one formed team.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class GroupBuyJourneyTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void hqStartsAGroupBuyAShopperOpensATeamAndItFormsWhenAFriendJoins() {
        Shop s = Shops.shop("groupui");
        String appid = s.brand().appid();

        Page page = browser.page();
        page.navigate(console + "#/marketing");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        assertThat(page.locator("[data-test=group-buys]")).containsText("还没有拼团活动");
        page.locator("[data-test=new-group]").click();
        page.locator("input[data-test=group-name]").fill("双人拼团乌龙茶");
        page.locator("[data-test=group-sku]").click();
        page.keyboard().type("Oolong");
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Oolong Tea · TEA-M · 18.00"))
                .click();
        page.locator("input[data-test=group-price]").fill("12.00");
        page.locator(".el-dialog .el-date-editor input")
                .first()
                .fill(java.time.LocalDateTime.now()
                        .minusMinutes(1)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        page.locator(".el-dialog .el-date-editor input").first().press("Enter");
        page.locator("[data-test=save-group]").click();
        assertThat(page.locator("[data-test=group-buys]")).containsText("双人拼团乌龙茶");
        assertThat(page.locator("[data-test=group-buys]")).containsText("2 人成团");
        assertThat(page.locator("[data-test=group-buys]")).containsText("进行中");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-group-buys");

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "gia", "/stores/" + s.pickupStore());
        phone.locator("[data-test=group-banner]").click();
        assertThat(phone.locator("[data-test=group-buys]")).containsText("¥12.00");
        Browser.assertAccessible(phone);
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我来开团"))
                .click();
        phone.locator("[data-test=group-confirm]").click();
        phone.locator("[data-test=sandbox-pay]").click();
        assertThat(phone.locator("[data-test=order-status]")).hasText("已支付，等待成团");
        assertThat(phone.locator("[data-test=order-team]")).containsText("还差 1 人");
        phone.locator("[data-test=order-team]").click();
        assertThat(phone.locator("[data-test=team-status]")).containsText("还差 1 人付款成团");
        assertThat(phone.locator("[data-test=share-team]")).isVisible();
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-group-team");

        // A friend opens the shared link's team and joins it (through the API, as their own phone would).
        String teamId = phone.url().replaceAll(".*/group/", "");
        String friend = Consumers.memberToken(appid, "friend");
        String friendOrder = GroupBuys.join(appid, friend, groupBuy(s), Long.valueOf(teamId), s.pickupStore())
                .then()
                .statusCode(201)
                .extract()
                .path("orderNo");
        Shops.pay(s.brand(), friend, friendOrder);
        phone.reload();
        assertThat(phone.locator("[data-test=team-status]")).containsText("拼团成功");
        Api.as(s.brand().adminToken())
                .get("/api/hq/promotions/group-buys/" + groupBuy(s))
                .then()
                .body("teamsFormed", org.hamcrest.Matchers.equalTo(1));
    }

    private static long groupBuy(Shop s) {
        return ((Number) Api.as(s.brand().adminToken())
                        .get("/api/hq/promotions/group-buys")
                        .then()
                        .extract()
                        .path("items[0].id"))
                .longValue();
    }
}
