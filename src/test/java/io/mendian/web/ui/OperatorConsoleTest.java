package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Browser;
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
}
