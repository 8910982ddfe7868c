package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A flash sale from both sides: HQ starts one in its marketing centre, picking the SKU by name; a shopper finds it from
 * the store page, watches it count down, buys one at the flash price and pays; HQ sees it sold.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class FlashSaleJourneyTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void hqStartsAFlashSaleAndAShopperBuysOneAtTheFlashPrice() {
        Shop s = Shops.shop("flashui");
        String appid = s.brand().appid();

        Page page = browser.page();
        page.navigate(console + "#/marketing");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        assertThat(page.locator("[data-test=flash-sales]")).containsText("还没有秒杀活动");
        page.locator("[data-test=new-flash]").click();
        page.locator("input[data-test=flash-name]").fill("午间秒杀");
        page.locator("[data-test=flash-sku]").click();
        page.keyboard().type("Oolong");
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Oolong Tea · TEA-M · 18.00"))
                .click();
        page.locator("input[data-test=flash-price]").fill("9.90");
        // Starting now rather than in five minutes: the window's start is the date picker's first field.
        page.locator(".el-date-editor input")
                .first()
                .fill(java.time.LocalDateTime.now()
                        .minusMinutes(1)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        page.locator(".el-date-editor input").first().press("Enter");
        page.locator("[data-test=save-flash]").click();
        assertThat(page.locator("[data-test=flash-sales]")).containsText("午间秒杀");
        assertThat(page.locator("[data-test=flash-sales]")).containsText("进行中");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-flash-sales");

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "fay", "/stores/" + s.pickupStore());
        phone.locator("[data-test=flash-banner]").click();
        assertThat(phone.locator("[data-test=flash-sales]")).containsText("¥9.90");
        assertThat(phone.locator("[data-test=flash-sales]")).containsText("距结束");
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-flash");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("立即抢购"))
                .click();
        phone.locator("[data-test=flash-confirm]").click();
        phone.locator("[data-test=sandbox-pay]").click();
        assertThat(phone.locator("[data-test=order-status]")).hasText("已支付，等待门店接单");

        long sale = ((Number) Api.as(s.brand().adminToken())
                        .get("/api/hq/promotions/flash-sales")
                        .then()
                        .extract()
                        .path("items[0].id"))
                .longValue();
        Api.as(s.brand().adminToken())
                .get("/api/hq/promotions/flash-sales/" + sale)
                .then()
                .body("sold", equalTo(1))
                .body("priceFen", equalTo(990));
    }
}
