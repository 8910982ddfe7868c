package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Shops;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The SaaS operator's console: MRR at a glance, a new brand found by search, suspended with a reason and resumed. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OperatorConsoleTest extends BrowserJourney {

    @TestHTTPResource("/ops/")
    java.net.URL console;

    @Test
    void theOperatorSeesMrrFindsANewBrandAndSuspendsAndResumesIt() {
        Brands.Brand brand = Brands.anActiveBrand("opsweb");
        Page page = browser.page();
        page.navigate(console.toString());
        Browser.signIn(page, "operator", "operator");
        assertThat(page.locator("[data-test=figure-mrr]")).hasText(Pattern.compile("¥[0-9]+\\.[0-9]{2}"));
        assertThat(page.locator("[data-test=figure-trialMrr]")).hasText(Pattern.compile("¥[0-9]+\\.[0-9]{2}"));
        Browser.assertAccessible(page);
        Browser.screenshot(page, "ops-overview");

        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("品牌"))
                .click();
        page.getByPlaceholder("标识、名称或管理员邮箱").fill(brand.slug());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询"))
                .click();
        Locator row =
                page.locator(".brands .el-table__row").filter(new Locator.FilterOptions().setHasText(brand.slug()));
        assertThat(row).hasCount(1);
        assertThat(row).containsText("正常");
        assertThat(row).containsText("试用中");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "ops-brands");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("停用"))
                .click();
        page.locator(".el-message-box input").fill("unpaid setup fee");
        page.locator(".el-message-box")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("停用"))
                .click();
        assertThat(row).containsText("已停用");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("恢复"))
                .click();
        page.locator(".el-message-box input").fill("paid");
        page.locator(".el-message-box")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("恢复"))
                .click();
        assertThat(row).containsText("正常");

        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("账单与收款"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("出账批次")))
                .isVisible();
        Browser.assertAccessible(page);
        Browser.screenshot(page, "ops-invoices");
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("小程序部署"))
                .click();
        assertThat(page.getByText("批量升级模板")).isVisible();
        Browser.assertAccessible(page);
        Browser.screenshot(page, "ops-miniapps");
    }

    @Test
    void theOperatorMovesABrandToTheOtherDatabaseServerAndItKeepsWorkingThere() {
        Brands.Brand brand = Brands.anActiveBrand("opsmv");
        Page page = browser.page();
        page.navigate(console.toString() + "#/brands");
        Browser.signIn(page, "operator", "operator");
        assertThat(page.locator(".servers .el-card")).hasCount(2);
        page.getByPlaceholder("标识、名称或管理员邮箱").fill(brand.slug());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询"))
                .click();
        Locator row =
                page.locator(".brands .el-table__row").filter(new Locator.FilterOptions().setHasText(brand.slug()));
        assertThat(row).containsText("default");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("迁移"))
                .click();
        Locator dialog = page.locator(".shard-move");
        assertThat(dialog.getByText("还没有迁移记录")).isVisible();
        dialog.locator(".move-target").click();
        page.locator(".el-select-dropdown__item")
                .filter(new Locator.FilterOptions().setHasText("east"))
                .click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("开始迁移"))
                .click();
        assertThat(dialog.locator(".move-state").first())
                .hasText(
                        "已完成",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(dialog).containsText("default → east");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "ops-shard-move");
        page.keyboard().press("Escape");
        assertThat(row).containsText("east");

        // The brand's HQ works on the new server: its stores are there and it can add one.
        String admin = brand.adminToken();
        Api.as(admin).get("/api/hq/stores").then().statusCode(200);
        long store = Shops.store(
                admin,
                "MV1",
                "31.2204",
                java.util.Map.of(
                        "pickup",
                        true,
                        "express",
                        false,
                        "delivery",
                        java.util.Map.of("enabled", false, "radiusMeters", 0, "feeFen", 0, "minimumOrderFen", 0)),
                java.util.Map.of("MONDAY", java.util.List.of("09:00-21:00")));
        Api.as(admin).get("/api/hq/stores/" + store).then().statusCode(200);
    }
}
