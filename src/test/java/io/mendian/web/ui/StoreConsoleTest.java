package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
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
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The store console on a counter tablet: a paid order arrives without a reload, the clerk works it through to the
 * hand-over against the customer's pickup code, and the day report counts it; the clerk of another store never sees
 * it; the manager is told the band before saving a price.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class StoreConsoleTest extends BrowserJourney {

    @TestHTTPResource("/store/")
    java.net.URL console;

    @Inject
    StaffAccounts accounts;

    @Test
    void aClerkSeesANewOrderWithoutReloadingWorksItAndHandsItOverAgainstItsCode() {
        Shop s = Shops.shop("storeweb");
        String appid = s.brand().appid();
        Brands.Login clerkX =
                Brands.aStaffLogin(accounts, s.brand(), "clerkx", List.of(grant(s, Role.STORE_CLERK, s.pickupStore())));
        Brands.Login clerkY = Brands.aStaffLogin(
                accounts, s.brand(), "clerky", List.of(grant(s, Role.STORE_CLERK, s.deliveryStore())));
        String codeX = code(s, s.pickupStore());

        Page page = browser.page(1180, 820);
        page.navigate(console.toString());
        Browser.signIn(page, clerkX.email(), clerkX.password());
        assertThat(page.locator("[data-test=store-name]")).containsText(codeX);
        assertThat(page.locator("[data-test=feed-state]")).hasText("实时接单中");

        // A customer orders and pays while the console is open: it appears without a reload.
        String ann = Consumers.memberToken(appid, "ann");
        Shops.put(appid, ann, s.pickupStore(), s.tea(), 2);
        String orderNo = Shops.checkoutPickup(appid, ann, s.pickupStore());
        Shops.pay(s.brand(), ann, orderNo);
        Locator ticket = page.locator("[data-order='" + orderNo + "']");
        assertThat(page.locator("[data-test=column-PAID] [data-order='" + orderNo + "']"))
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                        .setTimeout(20_000));
        assertThat(ticket).containsText("Oolong Tea");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "store-queue");

        // The clerk of another store of the same brand never sees it.
        Page other = browser.page(1180, 820);
        other.navigate(console.toString());
        Browser.signIn(other, clerkY.email(), clerkY.password());
        assertThat(other.locator("[data-test=store-name]")).containsText(code(s, s.deliveryStore()));
        assertThat(other.locator("[data-test=feed-state]")).hasText("实时接单中");
        assertThat(other.locator("[data-test=store-picker]")).hasCount(0);
        assertThat(other.getByText(orderNo)).hasCount(0);
        other.context().close();

        ticket.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("接单"))
                .click();
        assertThat(page.locator("[data-test=column-ACCEPTED] [data-order='" + orderNo + "']"))
                .isVisible();
        ticket.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("开始制作"))
                .click();
        ticket.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("制作完成"))
                .click();
        assertThat(page.locator("[data-test=column-READY] [data-order='" + orderNo + "']"))
                .containsText("请向顾客索取取货码");

        String pickupCode = Shops.member(ann)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .extract()
                .path("pickupCode");
        page.locator("input[data-test=pickup-code]").fill(pickupCode);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("核销"))
                .click();
        assertThat(page.getByText("订单 " + orderNo + " 已交付")).isVisible();
        assertThat(ticket).hasCount(0);

        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("今日报表"))
                .click();
        assertThat(page.locator("[data-test=figure-paid]")).hasText("1");
        assertThat(page.locator("[data-test=figure-sales]")).hasText("¥36.00");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "store-report");

        // Short of tea: the clerk sees which store has some and asks it for two.
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("调货"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("申请调货"))
                .click();
        page.locator("[data-test=transfer-sku]").click();
        page.getByRole(AriaRole.OPTION)
                .filter(new Locator.FilterOptions().setHasText("TEA-M"))
                .click();
        page.locator("[data-test=transfer-source]").click();
        page.getByRole(AriaRole.OPTION)
                .filter(new Locator.FilterOptions().setHasText(code(s, s.deliveryStore())))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交申请"))
                .click();
        assertThat(page.getByText("调货申请已提交，等待对方门店审批")).isVisible();
        assertThat(page.locator(".transfers")).containsText("待审批");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "store-transfers");
    }

    @Test
    void aManagerIsToldTheBandBeforeSavingAPriceAndSavesOneInsideIt() {
        Shop s = Shops.shop("storeprice");
        Brands.Login manager = Brands.aStaffLogin(
                accounts, s.brand(), "managerx", List.of(grant(s, Role.STORE_MANAGER, s.pickupStore())));
        Page page = browser.page(1180, 820);
        page.navigate(console.toString());
        Browser.signIn(page, manager.email(), manager.password());
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("商品价格"))
                .click();
        Locator row = page.locator(".prices .el-table__row").filter(new Locator.FilterOptions().setHasText("TEA-M"));
        assertThat(row).containsText("¥15.00 – ¥20.00");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("调整"))
                .click();
        Locator price = page.locator("input[data-test=store-price]");
        price.fill("25");
        assertThat(page.locator("[data-test=price-range]")).containsText("允许范围 ¥15.00 – ¥20.00 · 超出范围");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存")))
                .isDisabled();
        Browser.screenshot(page, "store-price-outside-band");
        price.fill("16.5");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存"))
                .click();
        assertThat(page.getByText("价格已保存")).isVisible();
        assertThat(row).containsText("¥16.50");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "store-prices");

        // A stocktake: count one SKU, save, apply.
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("盘点"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始盘点"))
                .click();
        page.locator(".el-dialog .el-input-number input").first().fill("3");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存盘点数"))
                .click();
        assertThat(page.getByText("盘点数已保存")).isVisible();
        Browser.assertAccessible(page);
        Browser.screenshot(page, "store-stocktake");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("确认并调整库存"))
                .click();
        assertThat(page.getByText("库存已按盘点调整")).isVisible();
    }

    private static Grant grant(Shop s, Role role, long store) {
        return new Grant(s.brand().tenant(), role, new Scope.Store(store));
    }

    private static String code(Shop s, long store) {
        return Api.as(s.brand().adminToken())
                .get("/api/hq/stores/" + store)
                .then()
                .statusCode(200)
                .extract()
                .path("code");
    }
}
