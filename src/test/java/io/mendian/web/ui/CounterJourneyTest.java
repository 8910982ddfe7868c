package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.net.URL;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.identity.Grant;
import io.mendian.identity.Role;
import io.mendian.identity.Scope;
import io.mendian.identity.StaffAccounts;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Coupons;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The counter from both sides: a member opens their member code in the storefront; the clerk scans it in the store
 * console's 会员服务, sees the member's points and the coupons this store honours, and redeems one, with a receipt.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class CounterJourneyTest extends BrowserJourney {

    @TestHTTPResource("/store/")
    URL console;

    @TestHTTPResource("/shop/")
    URL shop;

    @Inject
    StaffAccounts accounts;

    @Test
    void aClerkScansAMembersCodeAndRedeemsTheirCouponAtTheCounter() {
        Shop s = Shops.shop("counterui");
        String appid = s.brand().appid();
        long template =
                Api.create(s.brand().adminToken(), "/api/hq/promotions/coupons", Coupons.coupon("到店立减5元", 500, 0, 10));
        String amy = Consumers.memberToken(appid, "amy");
        Coupons.claim(appid, amy, template);
        Brands.Login clerk = Brands.aStaffLogin(
                accounts,
                s.brand(),
                "counter",
                List.of(new Grant(s.brand().tenant(), Role.STORE_CLERK, new Scope.Store(s.pickupStore()))));

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "amy", "/me");
        phone.locator("[data-test=open-member-code]").click();
        String code = phone.locator("[data-test=member-code]").textContent().strip();
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-member-code");

        Page page = browser.page(1180, 820);
        page.navigate(console.toString());
        Browser.signIn(page, clerk.email(), clerk.password());
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("会员服务"))
                .click();
        page.locator("input[data-test=member-code]").fill(code);
        page.locator("[data-test=scan]").click();
        assertThat(page.locator("[data-test=member-card]")).containsText("0");
        assertThat(page.locator("[data-test=counter-coupons]")).containsText("到店立减5元");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("核销"))
                .click();
        assertThat(page.locator("[data-test=receipts]")).containsText("到店立减5元");
        // Clerks redeem; adjusting points is for managers.
        assertThat(page.locator("[data-test=adjust-points]")).hasCount(0);
        Browser.assertAccessible(page);
        Browser.screenshot(page, "store-counter");
        Shops.member(amy)
                .get("/api/shop/" + appid + "/me/coupons?status=USED")
                .then()
                .body("items", hasSize(1));
    }
}
