package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
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
 * Marketing in the browser: HQ creates a coupon and changes the stacking matrix in its console; a customer claims the
 * coupon in the storefront, uses it at checkout, sees why the price is what it is, pays, and the receipt carries each
 * line's share; a store manager's proposal waits for HQ, who approves it from the console.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class MarketingTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void hqCreatesACouponACustomerClaimsItAndCheckoutExplainsThePrice() {
        Shop s = Shops.shop("mkt");
        String appid = s.brand().appid();
        Page page = browser.page();
        page.navigate(console.toString());
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("营销中心"))
                .click();
        page.locator("[data-test=new-coupon]").click();
        page.locator("input[data-test=coupon-name]").fill("开业立减5元");
        page.locator("input[data-test=coupon-amount]").fill("5");
        page.locator("[data-test=coupon-save]").click();
        assertThat(page.locator("[data-test=coupons]")).containsText("开业立减5元");
        assertThat(page.locator("[data-test=coupons]")).containsText("进行中");
        // HQ coupons and store coupons no longer combine.
        page.locator("[data-test='combine-HQ_COUPON+STORE_COUPON']").click();
        page.locator("[data-test=save-stacking]").click();
        assertThat(page.locator("[data-test=stacking]")).containsText("修改");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-marketing");
        Api.as(s.brand().adminToken())
                .get("/api/hq/promotions/policy")
                .then()
                .body("combines.HQ_COUPON", not(Matchers.hasItem("STORE_COUPON")));

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "mia", "/coupons");
        assertThat(phone).hasURL(Pattern.compile(".*/coupons$"));
        phone.locator("[data-test=claimable] [data-coupon='开业立减5元'] button").click();
        assertThat(phone.locator("[data-test=wallet]")).containsText("开业立减5元");
        assertThat(phone.locator("[data-test=claimable] [data-coupon='开业立减5元'] button"))
                .hasText("已领取");
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-coupons");

        Browser.teaToCheckout(phone, shop.toString(), appid, s.pickupStore());
        phone.locator("[data-test=coupons]").getByText("开业立减5元").click();
        assertThat(phone.locator("[data-test=why]")).containsText("−¥5.00");
        assertThat(phone.locator("[data-test=to-pay]")).containsText("¥13.00");
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-checkout-coupon");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交并支付"))
                .click();
        phone.locator("[data-test=sandbox-pay]").click();
        assertThat(phone.locator("[data-test=order-status]")).hasText("已支付，等待门店接单");
        assertThat(phone.locator("[data-test=receipt-line]")).containsText("开业立减5元 −¥5.00");
        assertThat(phone.locator("[data-test=receipt-adjustment]")).containsText("−¥5.00");
        Browser.screenshot(phone, "shop-receipt");
    }

    @Test
    void aStoreManagersProposalWaitsForHqWhoApprovesItFromTheConsole() {
        Shop s = Shops.shop("mktstore");
        var body = io.mendian.testsupport.Coupons.coupon("门店满30减3", 300, 3000, 20);
        long id = ((Number) Api.as(s.brand().adminToken())
                        .body(body)
                        .post("/api/store/" + s.pickupStore() + "/coupons")
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("PENDING"))
                        .extract()
                        .path("id"))
                .longValue();
        Page page = browser.page();
        page.navigate(console + "#/marketing");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("营销中心"))
                .click();
        assertThat(page.locator("[data-test=coupons]")).containsText("待总部审核");
        page.locator("[data-test=approve-" + id + "]").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("通过"))
                .last()
                .click();
        assertThat(page.locator("[data-test=coupons]")).containsText("进行中");
        Api.as(s.brand().adminToken())
                .get("/api/hq/promotions/coupons/" + id)
                .then()
                .body("status", equalTo("ACTIVE"))
                .body("decidedBy", Matchers.notNullValue());
    }
}
