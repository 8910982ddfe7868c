package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Stored value from both sides: HQ adds "pay 500, get 50" in 会员; a member opens 储值卡 from the member centre, tops up
 * through the WeChat Pay sandbox's cashier, and sees ¥550.00 with the gift shown apart; HQ sees the plan sold once.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class StoredValueJourneyTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void hqOffersATopUpPlanAndAMemberTopsUpThroughWeChatPay() {
        Shop s = Shops.shop("walletui");
        Page page = browser.page();
        page.navigate(console + "#/members");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        assertThat(page.locator("[data-test=topup-plans]")).containsText("还没有储值方案");
        page.locator("[data-test=new-plan]").click();
        page.locator("input[data-test=plan-name]").fill("充500送50");
        page.locator("input[data-test=plan-pay]").fill("500");
        page.locator("input[data-test=plan-gift]").fill("50");
        page.locator("[data-test=save-plan]").click();
        assertThat(page.locator("[data-test=topup-plans]")).containsText("¥500.00");
        Browser.assertAccessible(page);

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), s.brand().appid(), "wen", "/me");
        phone.locator("[data-test=open-wallet]").click();
        assertThat(phone.locator("[data-test=wallet-balance]")).hasText("¥0.00");
        assertThat(phone.locator("[data-test=topup-plans]")).containsText("送 ¥50.00");
        Browser.assertAccessible(phone);
        phone.locator("[data-test=topup-plans] button").first().click();
        phone.locator("[data-test=sandbox-pay]").click();
        assertThat(phone.locator("[data-test=wallet-balance]")).hasText("¥550.00");
        assertThat(phone.locator("[data-test=wallet-ledger]")).containsText("充值");
        Browser.screenshot(phone, "shop-stored-value");

        page.reload();
        assertThat(page.locator("[data-test=topup-plans]")).containsText("充500送50");
        assertThat(page.locator("[data-test=topup-plans] .el-table__row").first())
                .containsText("1");
    }
}
