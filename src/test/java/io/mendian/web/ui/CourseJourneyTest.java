package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
import io.mendian.testsupport.Courses;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A class from every side: HQ writes a weekly course and opens another; a member enrols and pays; the course is full
 * for the next member, who joins the waiting list; the store checks the learner in by code; the learner sees progress.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class CourseJourneyTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL hq;

    @TestHTTPResource("/store/")
    URL storeConsole;

    @TestHTTPResource("/shop/")
    URL shop;

    @Inject
    StaffAccounts accounts;

    @Test
    void hqOpensACourseAMemberPaysTheNextWaitsAndTheStoreChecksTheLearnerIn() {
        Shop s = Shops.shop("courseui");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        java.time.Instant firstClass = Courses.in(Duration.ofMinutes(30));
        Map<String, Object> yoga = new java.util.HashMap<>(Courses.course(
                "YOGA-1", s.pickupStore(), null, 9900, 1, List.of(firstClass, Courses.in(Duration.ofDays(7)))));
        yoga.put("name", "瑜伽入门");
        long course = Api.create(admin, "/api/hq/courses", yoga);

        // HQ: writes a weekly course through the form, then opens the yoga course.
        Page page = browser.page(1280, 860);
        page.navigate(hq + "#/courses");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        page.locator("[data-test=new-course]").click();
        page.locator("input[data-test=course-code]").fill("PAINT-1");
        page.locator("input[data-test=course-name]").fill("少儿绘画");
        page.locator(".el-dialog .el-select").first().click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("P1 P1"))
                .click();
        page.locator("input[data-test=course-price]").fill("1200.00");
        Locator from = page.getByLabel("开始日期");
        from.fill(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3).toString());
        from.press("Enter");
        page.locator("[data-test=series-days] .el-checkbox").nth(5).click();
        assertThat(page.getByText("共 8 节课")).isVisible();
        page.locator("[data-test=save-course]").click();
        assertThat(page.locator("[data-test=courses]")).containsText("少儿绘画");
        page.locator("[data-test=open-YOGA-1]").click();
        assertThat(page.locator("[data-test=seats-YOGA-1]")).hasText("0 / 1");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-courses");

        // A member enrols and pays: the seat is theirs.
        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "lily", "/stores/" + s.pickupStore());
        phone.locator("[data-test=courses-banner]").click();
        Locator card = phone.locator("[data-course=YOGA-1]");
        assertThat(card).containsText("瑜伽入门");
        card.locator("[data-test=enrol]").click();
        phone.locator("[data-test=sandbox-pay]").click();
        assertThat(phone.locator("[data-test=class-status]")).hasText("已报名");
        String code = phone.locator("[data-test=class-code] strong").innerText().trim();
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-class-enrolled");

        // The next member finds it full and waits.
        Page other = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(other, shop.toString(), appid, "ming", "/stores/" + s.pickupStore() + "/courses");
        Locator full = other.locator("[data-course=YOGA-1]");
        full.locator("[data-test=join-waitlist]").click();
        assertThat(full).containsText("排第 1 位");
        Browser.assertAccessible(other);

        // The store checks the learner in by the code on the phone.
        Brands.Login teacher = Brands.aStaffLogin(
                accounts,
                s.brand(),
                "teacher",
                List.of(new Grant(s.brand().tenant(), Role.STORE_CLERK, new Scope.Store(s.pickupStore()))));
        Page desk = browser.page(1280, 860);
        // The class's own day on the store's clock: half an hour ahead may be past midnight there.
        desk.navigate(storeConsole + "#/classes?day=" + LocalDate.ofInstant(firstClass, ZoneId.of("Asia/Shanghai")));
        Browser.signIn(desk, teacher.email(), teacher.password());
        Locator session = desk.locator("[data-test=classes] .el-card").first();
        assertThat(session).containsText("瑜伽入门");
        session.locator("input[data-test=class-code]").fill(code);
        session.locator("[data-test=class-check-in]").click();
        assertThat(session).containsText("已到 1 / 1");
        Browser.assertAccessible(desk);
        Browser.screenshot(desk, "store-classes");

        phone.reload();
        assertThat(phone.locator("[data-test=class-progress]")).hasText("已上 1 / 2 节");
        Api.as(admin).get("/api/hq/courses/" + course).then().statusCode(200);
    }
}
