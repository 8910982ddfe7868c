package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * HQ builds its chain in the console: a store, then a product with a price band published to that store only, which
 * the store's catalogue then offers inside the band; a region manager's lists hold only their region.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class HqCatalogueTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    java.net.URL console;

    @Inject
    StaffAccounts accounts;

    @Test
    void hqCreatesAStoreAndPublishesAProductWithABandToIt() {
        Brands.Brand brand = Brands.anActiveBrand("hqcat");
        String admin = brand.adminToken();
        Api.create(admin, "/api/hq/categories", Map.of("code", "SEASONAL", "name", "季节限定"));
        Page page = browser.page();
        page.navigate(console.toString());
        Browser.signIn(page, brand.adminEmail(), brand.adminPassword());

        menu(page, "门店");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("新建门店"))
                .click();
        page.locator("input[data-test=store-code]").fill("W1");
        page.locator("input[data-test=store-name-input]").fill("West Lake");
        page.locator("input[data-test=store-city]").fill("杭州");
        page.locator("input[data-test=store-address]").fill("1 Lake Rd");
        page.locator("input[data-test=store-lat]").fill("30.25");
        page.locator("input[data-test=store-lng]").fill("120.15");
        Browser.screenshot(page, "hq-store-new");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存"))
                .click();
        assertThat(page.getByText("门店已保存")).isVisible();
        assertThat(page.locator(".stores")).containsText("West Lake");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-stores");
        long store = Api.as(admin)
                .queryParam("q", "W1")
                .get("/api/hq/stores")
                .then()
                .extract()
                .jsonPath()
                .getLong("items[0].id");

        menu(page, "商品");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("新建商品"))
                .click();
        page.locator("input[data-test=product-code]").fill("LATTE");
        page.locator("input[data-test=product-name]").fill("Latte");
        page.getByText("指定区域或门店").click();
        page.locator("[data-test=publish-stores]").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("W1 West Lake"))
                .click();
        page.keyboard().press("Escape");
        Locator sku = page.locator("[data-test=sku-0]");
        sku.getByLabel("规格编码").fill("LATTE-M");
        sku.getByLabel("基础价").fill("28");
        sku.getByLabel("最低价").fill("25");
        sku.getByLabel("最高价").fill("32");
        Browser.screenshot(page, "hq-product-new");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存"))
                .click();
        assertThat(page.getByText("商品已保存")).isVisible();
        Locator row = page.locator(".products .el-table__row").filter(new Locator.FilterOptions().setHasText("LATTE"));
        assertThat(row).containsText("LATTE-M · ¥28.00 · ¥25.00 – ¥32.00");
        assertThat(row).containsText("0 个区域，1 家门店");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-catalogue");

        // Every other HQ page opens, says what it holds in words and passes the accessibility check.
        for (String[] visit : new String[][] {
            {"区域", "hq-regions", "新建区域"},
            {"库存与调拨", "hq-stock", "门店调拨"},
            {"员工与权限", "hq-staff", "待接受的邀请"},
            {"套餐与账单", "hq-plan", "账单"},
            {"小程序", "hq-miniapp", "微信授权"}
        }) {
            menu(page, visit[0]);
            assertThat(page.getByText(visit[2], new Page.GetByTextOptions().setExact(true))
                            .first())
                    .isVisible();
            Browser.assertAccessible(page);
            Browser.screenshot(page, visit[1]);
        }

        // The store now offers it, inside the band.
        Api.as(admin)
                .get("/api/store/" + store + "/catalog")
                .then()
                .statusCode(200)
                .body("items.find { it.skuCode == 'LATTE-M' }.minPriceFen", equalTo(2500))
                .body("items.find { it.skuCode == 'LATTE-M' }.maxPriceFen", equalTo(3200));
    }

    @Test
    void aRegionManagersListsHoldOnlyTheirRegion() {
        Brands.Brand brand = Brands.anActiveBrand("hqregion");
        String admin = brand.adminToken();
        long east = Api.create(admin, "/api/hq/regions", Map.of("code", "EAST", "name", "华东"));
        long south = Api.create(admin, "/api/hq/regions", Map.of("code", "SOUTH", "name", "华南"));
        store(admin, "E1", "Bund", east);
        store(admin, "S1", "Futian", south);
        Brands.Login manager = Brands.aStaffLogin(
                accounts,
                brand,
                "east",
                List.of(new Grant(brand.tenant(), Role.REGION_MANAGER, new Scope.Region(east))));

        Page page = browser.page();
        page.navigate(console.toString());
        Browser.signIn(page, manager.email(), manager.password());
        menu(page, "门店");
        assertThat(page.locator(".stores")).containsText("Bund");
        assertThat(page.locator(".stores .el-table__row")).hasCount(1);
        assertThat(page.locator(".stores")).not().containsText("Futian");
        Browser.screenshot(page, "hq-region-manager-stores");
        menu(page, "区域");
        assertThat(page.getByText("华东 (EAST)")).isVisible();
        assertThat(page.getByText("华南 (SOUTH)")).hasCount(0);
        menu(page, "订单中心");
        page.locator(".filters .el-select").first().click();
        assertThat(page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("E1 Bund")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("S1 Futian")))
                .hasCount(0);
    }

    private static void menu(Page page, String name) {
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName(name))
                .click();
    }

    private static void store(String admin, String code, String name, long region) {
        Api.create(
                admin,
                "/api/hq/stores",
                Map.of(
                        "code",
                        code,
                        "name",
                        name,
                        "status",
                        "OPEN",
                        "regionId",
                        region,
                        "city",
                        "上海",
                        "address",
                        "1 Road",
                        "latitude",
                        "31.23",
                        "longitude",
                        "121.47"));
    }
}
