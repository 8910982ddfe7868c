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
 * Levels from both sides: HQ adds a base level and a silver level with 5 % off in 会员; a new member sees the base
 * level in the member centre with how far silver is and what it gives, and sets their birthday once.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class LevelsJourneyTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void hqDefinesLevelsAndAMemberSeesTheirsAndSetsTheirBirthday() {
        Shop s = Shops.shop("levelui");
        Page page = browser.page();
        page.navigate(console + "#/members");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        assertThat(page.locator("[data-test=levels]")).containsText("还没有会员等级");
        page.locator("[data-test=new-level]").click();
        page.locator("input[data-test=level-name]").fill("普通会员");
        page.locator("[data-test=save-level]").click();
        assertThat(page.locator("[data-test=levels]")).containsText("普通会员");
        page.locator("[data-test=new-level]").click();
        page.locator("input[data-test=level-name]").fill("银卡会员");
        page.locator("[data-test=level-growth] input").fill("200");
        page.locator("[data-test=level-discount] input").fill("5");
        page.locator("[data-test=save-level]").click();
        assertThat(page.locator("[data-test=levels]")).containsText("银卡会员");
        assertThat(page.locator("[data-test=levels]")).containsText("减 5%");
        Browser.assertAccessible(page);

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), s.brand().appid(), "lin", "/me");
        assertThat(phone.locator("[data-test=level-card]")).containsText("普通会员");
        assertThat(phone.locator("[data-test=level-card]")).containsText("再得 200 成长值升级为银卡会员");
        phone.locator("[data-test=set-birthday]").click();
        phone.locator("[data-test=level-card] select").first().selectOption("05");
        phone.locator("[data-test=level-card] select").nth(1).selectOption("20");
        phone.locator("[data-test=save-birthday]").click();
        assertThat(phone.locator("[data-test=birthday]")).hasText("05-20");
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-member-level");
    }
}
