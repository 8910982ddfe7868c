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
 * A full reduction from both sides: HQ starts "spend 20 save 3, spend 40 save 8" in 营销中心; a shopper sees it on the
 * store page, and the checkout's price explanation takes the tier the cart reaches.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class FullReductionJourneyTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void hqStartsAFullReductionAndTheCheckoutTakesTheTierTheCartReaches() {
        Shop s = Shops.shop("reduceui");
        Page page = browser.page();
        page.navigate(console + "#/marketing");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        assertThat(page.locator("[data-test=full-reductions]")).containsText("还没有满减活动");
        page.locator("[data-test=new-reduction]").click();
        page.locator("input[data-test=reduction-name]").fill("满20减3，满40减8");
        page.locator("input[data-test=tier-threshold-0]").fill("20");
        page.locator("input[data-test=tier-off-0]").fill("3");
        page.locator("[data-test=add-tier]").click();
        page.locator("input[data-test=tier-threshold-1]").fill("40");
        page.locator("input[data-test=tier-off-1]").fill("8");
        page.locator(".el-dialog .el-date-editor input")
                .first()
                .fill(java.time.LocalDateTime.now()
                        .minusMinutes(1)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        page.locator(".el-dialog .el-date-editor input").first().press("Enter");
        page.locator("[data-test=save-reduction]").click();
        assertThat(page.locator("[data-test=full-reductions]")).containsText("满20.00减3.00");
        assertThat(page.locator("[data-test=full-reductions]")).containsText("进行中");
        Browser.assertAccessible(page);

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), s.brand().appid(), "rui", "/stores/" + s.pickupStore());
        assertThat(phone.locator("[data-test=reductions]")).containsText("满40.00减8.00");
        Browser.assertAccessible(phone);
    }
}
