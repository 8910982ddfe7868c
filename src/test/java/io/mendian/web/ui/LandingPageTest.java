package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Browser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The landing page at /, in a real browser: what Mendian is, in Chinese first, in English on request, accessible. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class LandingPageTest extends BrowserJourney {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aVisitorLearnsWhatMendianIsInChineseAndSwitchesToEnglish() {
        Page page = browser.page();
        page.navigate(root.toString());
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("连锁门店品牌的一站式 SaaS");
        assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("接口文档（Swagger UI）")))
                .hasAttribute("href", "/q/swagger-ui/");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "landing-zh");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("One SaaS for chain-store brands");
        assertThat(page.locator("html")).hasAttribute("lang", "en-US");
        page.reload();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("One SaaS for chain-store brands");
        Browser.screenshot(page, "landing-en");
    }
}
