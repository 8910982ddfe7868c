package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * HQ's console in a real browser: the admin signs in on Keycloak's page, sees the brand's plan, finds a customer's
 * paid order in the order centre, opens its timeline and exports the list.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class HqConsoleTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @Test
    void anAdminSignsInFindsAPaidOrderInTheOrderCentreAndExportsIt() throws Exception {
        Shop s = Shops.shop("hqweb");
        String appid = s.brand().appid();
        String ann = Consumers.memberToken(appid, "ann");
        Shops.put(appid, ann, s.pickupStore(), s.tea(), 1);
        String orderNo = Shops.checkoutPickup(appid, ann, s.pickupStore());
        Shops.pay(s.brand(), ann, orderNo);

        Page page = browser.page();
        page.navigate(console.toString());
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        assertThat(page.locator("[data-test=tenant]")).containsText(s.brand().slug());
        assertThat(page.locator("[data-test=subscription-status]")).hasText("试用中");
        // Today's dashboard counts the paid order and its sales.
        assertThat(page.locator("[data-test=figure-paid]")).hasText("1");
        assertThat(page.locator("[data-test=figure-sales]")).hasText("¥18.00");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-overview");

        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("订单中心"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/hq/.*#/orders$"));
        assertThat(page.getByText(orderNo)).isVisible();
        assertThat(page.locator(".orders")).containsText("待接单");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-orders");

        page.getByText(orderNo).click();
        assertThat(page.locator(".el-drawer")).containsText("Oolong Tea");
        assertThat(page.locator(".el-drawer")).containsText("待支付");
        Browser.screenshot(page, "hq-order-detail");
        page.keyboard().press("Escape");

        Download download = page.waitForDownload(
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("导出 CSV"))
                        .click());
        assertEquals("orders.csv", download.suggestedFilename());
        String csv = Files.readString(download.path());
        assertTrue(csv.contains(orderNo), csv);

        // HQ steps in: cancelling refunds in full, with the reason in the timeline the customer sees.
        page.getByText(orderNo).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("取消并全额退款"))
                .click();
        page.locator(".el-message-box input").fill("out of oolong");
        page.locator(".el-message-box__btns .el-button--primary").click();
        assertThat(page.locator(".el-drawer")).containsText("已取消");
        assertThat(page.locator(".el-drawer")).containsText("out of oolong");
        Browser.screenshot(page, "hq-order-cancelled");
    }
}
