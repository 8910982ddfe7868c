package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A brand signs itself up on /signup/ in a real browser: the slug is checked as typed, the plans show their terms,
 * the provisioning steps advance live, and the admin account it ends with signs in to Keycloak and reaches HQ.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class SignupPageTest extends BrowserJourney {

    @TestHTTPResource("/signup/")
    URL signup;

    @Test
    void aBrandSignsUpWatchesItsStepsAndItsAdminSignsIn() {
        Page page = browser.page();
        page.navigate(signup.toString());
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("品牌入驻");
        Locator slug = page.getByLabel("品牌标识（网址中使用）");
        slug.fill("admin");
        assertThat(page.locator("#slug-state")).hasText("这是保留标识，请换一个");
        slug.fill("Bad");
        assertThat(page.locator("#slug-state")).containsText("需以小写字母开头");

        String brand = Brands.freshSlug("web");
        page.getByLabel("品牌名称").fill("网页测试咖啡");
        slug.fill(brand);
        assertThat(page.locator("#slug-state")).hasText("可以使用");
        page.getByLabel("管理员邮箱").fill("owner@" + brand + ".example");
        page.getByText("烘焙").click();
        page.locator("label.plan", new Page.LocatorOptions().setHasText("专业版")).click();
        assertThat(page.locator("label.plan.on")).containsText("¥999.00");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "signup-form");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开通品牌"))
                .click();
        assertThat(page.getByText("开通完成"))
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                        .setTimeout(90_000));
        assertThat(page).hasURL(Pattern.compile(".*\\?job=[0-9a-f-]{36}$"));
        String password = page.locator("code.password").textContent().trim();
        Browser.assertAccessible(page);
        Browser.screenshot(page, "signup-done");

        // From there, the new admin signs in to the brand's own HQ console.
        page.locator("[data-test=to-hq]").click();
        Browser.signIn(page, "owner@" + brand + ".example", password);
        assertThat(page.locator("[data-test=tenant]")).containsText(brand);
        assertThat(page.locator("[data-test=subscription-status]")).hasText("试用中");
        Browser.screenshot(page, "signup-then-hq");

        // The account the page handed over is the brand's HQ admin, on the plan chosen.
        String token = Keycloak.tokenFor("owner@" + brand + ".example", password);
        given().auth()
                .oauth2(token)
                .get("/api/hq/subscription")
                .then()
                .statusCode(200)
                .body("plan", equalTo("pro"));
    }
}
