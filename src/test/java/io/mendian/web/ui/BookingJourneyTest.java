package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
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
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An appointment from every side: HQ creates a service item; the store manager adds a person with weekly shifts; a
 * member books tomorrow's 10:00 on the phone and confirms it; the store sees it on tomorrow's board, is told it is too
 * early to check it in, and serves a walk-in from booking to completion.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class BookingJourneyTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL hq;

    @TestHTTPResource("/store/")
    URL storeConsole;

    @TestHTTPResource("/shop/")
    URL shop;

    @Inject
    StaffAccounts accounts;

    @Test
    void hqSetsUpAnItemTheStoreItsPeopleAMemberBooksAndTheDeskServesAWalkIn() {
        Shop s = Shops.shop("bookui");
        String appid = s.brand().appid();

        Page page = browser.page(1280, 860);
        page.navigate(hq + "#/booking");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        assertThat(page.locator("[data-test=service-items]")).containsText("还没有服务项目");
        page.locator("[data-test=new-item]").click();
        page.locator("input[data-test=item-code]").fill("FACIAL");
        page.locator("input[data-test=item-name]").fill("面部护理");
        page.locator("input[data-test=item-price]").fill("128.00");
        page.locator("[data-test=save-item]").click();
        assertThat(page.locator("[data-test=service-items]")).containsText("面部护理");
        assertThat(page.locator("[data-test=service-items]")).containsText("¥128.00");
        assertThat(page.locator("[data-test=booking-policy]")).containsText("免费取消截止");
        assertThat(page.locator("[data-test=booking-report]")).containsText("利用率");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-booking");

        Brands.Login manager = Brands.aStaffLogin(
                accounts,
                s.brand(),
                "bookmgr",
                List.of(new Grant(s.brand().tenant(), Role.STORE_MANAGER, new Scope.Store(s.pickupStore()))));
        Page desk = browser.page(1280, 860);
        desk.navigate(storeConsole + "#/booking-staff");
        Browser.signIn(desk, manager.email(), manager.password());
        assertThat(desk.locator("[data-test=people]")).containsText("还没有服务人员");
        desk.locator("[data-test=new-person]").click();
        desk.locator("input[data-test=person-name]").fill("安娜");
        desk.locator("[data-test=person-items]").click();
        desk.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("面部护理"))
                .click();
        desk.keyboard().press("Escape");
        desk.locator("[data-test=save-person]").click();
        assertThat(desk.locator("[data-test=people]")).containsText("安娜");
        assertThat(desk.locator("[data-test=people]")).containsText("周一 09:00-12:00, 13:00-18:00");
        Browser.assertAccessible(desk);
        Browser.screenshot(desk, "store-booking-staff");

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "bella", "/stores/" + s.pickupStore());
        phone.locator("[data-test=booking-banner]").click();
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("明天"))
                .click();
        phone.locator("[data-slot='10:00']").click();
        assertThat(phone.locator("[data-test=held]")).containsText("面部护理");
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-booking-held");
        phone.locator("[data-test=confirm-booking]").click();
        assertThat(phone.locator("[data-test=appointment-status]")).hasText("已预约");
        String code = phone.locator("[data-test=appointment-code] strong")
                .textContent()
                .trim();
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-appointment");

        desk.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("预约"))
                .click();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                .plusDays(1)
                .toString();
        Locator day = desk.locator("[data-test=desk] .el-date-editor input");
        day.fill(tomorrow);
        day.press("Enter");
        assertThat(desk.locator("[data-test=board]")).containsText("面部护理");
        assertThat(desk.locator("[data-test=board]")).containsText("10:00");
        assertThat(desk.locator("[data-test=board] [data-status=CONFIRMED]")).hasCount(1);
        desk.locator("input[data-test=checkin-code]").fill(code);
        desk.locator("[data-test=checkin]").click();
        assertThat(desk.getByText("check-in opens at", new Page.GetByTextOptions().setExact(false)))
                .isVisible();

        // A walk-in today, served at once.
        day.fill(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
        day.press("Enter");
        desk.locator("[data-test=new-walk-in]").click();
        desk.locator("input[data-test=walk-in-name]").fill("王先生");
        desk.locator("[data-test=walk-in-here]").click();
        desk.locator("[data-test=save-walk-in]").click();
        assertThat(desk.locator("[data-test=board] [data-status=CHECKED_IN]")).hasCount(1);
        assertThat(desk.locator("[data-test=board]")).containsText("王先生");
        Browser.assertAccessible(desk);
        Browser.screenshot(desk, "store-appointments");
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("完成"))
                .click();
        assertThat(desk.locator("[data-test=board] [data-status=COMPLETED]")).hasCount(1);

        // HQ's report of the last seven days counts today's walk-in (tomorrow's booking is not in it yet).
        page.reload();
        assertThat(page.locator("[data-test=booking-report]")).containsText("利用率");
        assertThat(page.locator("[data-test=report-appointments]")).hasText("1");
    }
}
