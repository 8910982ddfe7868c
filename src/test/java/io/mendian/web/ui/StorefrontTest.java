package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

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
 * The H5 storefront on a phone: a customer finds the nearest store from the phone's position, adds a tea to the cart
 * (signing in on the way), checks out for pickup, pays in the WeChat Pay sandbox and gets a pickup code; the store's
 * queue has the paid order.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class StorefrontTest extends BrowserJourney {

    @TestHTTPResource("/shop/")
    java.net.URL shop;

    @Test
    void aCustomerFindsTheNearestStoreChecksOutForPickupAndPaysInTheSandbox() {
        Shop s = Shops.shop("h5");
        String appid = s.brand().appid();
        Page page = browser.phone(31.2305, 121.4738);
        page.navigate(shop + "#/" + appid);
        assertThat(page.locator("[data-store='" + s.pickupStore() + "']")).isVisible();
        Browser.assertAccessible(page);
        Browser.screenshot(page, "shop-stores");

        page.locator("[data-store='" + s.pickupStore() + "']").click();
        page.locator("[data-product='Oolong Tea']").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("加入购物车"))
                .click();
        // Not signed in yet: the sandbox plays WeChat's sign-in, then the customer is back at the store.
        page.locator("[data-test=wechat-user] input").fill("lily");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/stores/" + s.pickupStore() + "$"));
        page.locator("[data-product='Oolong Tea']").click();
        Browser.screenshot(page, "shop-product");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("加入购物车"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("去结算（1）"))
                .click();

        assertThat(page.locator("[data-test=pickup-slot]")).isVisible();
        assertThat(page.getByText("Oolong Tea")).isVisible();
        Browser.assertAccessible(page);
        Browser.screenshot(page, "shop-checkout");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交并支付"))
                .click();
        page.locator("[data-test=sandbox-pay]").click();
        assertThat(page.locator("[data-test=order-status]")).hasText("已支付，等待门店接单");
        assertThat(page.locator("[data-test=pickup-code]")).hasText(Pattern.compile("[0-9]{6}"));
        Browser.assertAccessible(page);
        Browser.screenshot(page, "shop-order");

        String orderNo = page.url().replaceAll(".*/orders/([0-9]+).*", "$1");
        Api.as(s.brand().adminToken())
                .get("/api/store/" + s.pickupStore() + "/orders")
                .then()
                .statusCode(200)
                .body("items.orderNo", org.hamcrest.Matchers.hasItem(orderNo));
    }
}
